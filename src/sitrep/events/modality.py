"""Auxiliary modes of an event: negated, future or intended, hypothetical, historical.

A coder that drops these reports "did not attack" as an attack and "will deploy" as a
deployment. Each trigger is read through its auxiliaries and the clauses that govern it.
"""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo", "would", "'d", "’d"})
OBLIGATION = frozenset({"must", "should", "ought"})
POSSIBILITY = frozenset({"could", "might", "may", "can"})
INTENT_VERBS = frozenset({"plan", "intend", "aim", "seek", "want", "hope", "expect", "prepare",
                          "mean", "wish", "propose", "vow", "pledge", "promise", "threaten",
                          "need", "have", "agree", "offer"})
# "continued to attack", "began to withdraw": the act itself, not an aim.
CONTINUING = frozenset({"continue", "begin", "start", "keep", "resume", "go", "proceed",
                        "try", "attempt", "manage", "fail", "refuse", "decline", "help", "dare",
                        "decide", "take", "use", "move"})
NEGATORS = frozenset({"not", "n't", "never", "no", "nt"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})


def _aux(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def negated(tok: Token) -> bool:
    """"did not attack", "never met", "no talks were held"."""
    if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in tok.children):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def future(tok: Token) -> bool:
    """"will deploy", "would boycott", "is going to attack", "must defeat"."""
    for a in _aux(tok):
        if a.lower_ in FUTURE_AUX or a.lower_ in OBLIGATION:
            return True
    head = tok.head
    # "is going to attack", "has to withdraw", "needs to act"
    if tok.dep_ == "xcomp" and head.lemma_ in ("go", "have", "need") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return head.lemma_ != "go" or head.tag_ == "VBG"
    # "We must, and will, defeat Daesh": modal tokens split off by punctuation
    for c in tok.children:
        if c.dep_ in ("aux", "conj", "advmod") and (c.lower_ in FUTURE_AUX | OBLIGATION):
            return True
    return False


def obliged(tok: Token) -> bool:
    """"must return", "should ensure", "has to agree", "need to act"."""
    if any(a.lower_ in OBLIGATION for a in _aux(tok)):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_ in ("have", "need") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def intended(tok: Token) -> bool:
    """The trigger is the object of a verb of intent: "plans to deploy", "seeks to join"."""
    return tok.dep_ == "xcomp" and tok.head.lemma_ in INTENT_VERBS


def purpose(tok: Token) -> bool:
    """An infinitive of purpose, an aim rather than a deed: "stands by Iraq to defeat Daesh"
    (but "continued to attack" and "decided to allow" report the act)."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return infinitive and tok.dep_ in ("advcl", "xcomp", "acl", "relcl") and \
        tok.head.lemma_ not in CONTINUING



def hypothetical(tok: Token) -> bool:
    """Inside an "if" or "unless" clause, or under "could/might/may"."""
    if any(a.lower_ in POSSIBILITY for a in _aux(tok)):
        return True
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS
                                        for c in node.children):
            return True
        if node.dep_ in ("ccomp", "relcl"):
            break
        node = node.head
    return False


def conditional_threat(tok: Token) -> bool:
    """A future act tied to an "unless" clause is a threat: "will withdraw unless …"."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
               for c in tok.children)
