"""When a name is personal data: the policy in detect/README.md, shared by tiers 2 and 3.

A name is personal when the text is about that person as a private individual: it introduces
or addresses them, speaks in the first person, acts towards them, or sits next to an
identifier or a birth or home detail. A name in general text (a public figure, an author, an
assistant persona, a company read as a name) is not. NER and the sentence classifier cannot
tell who is famous; these cues can tell whose life the sentence is about.
"""

from __future__ import annotations

import re

# Words that introduce or address a person in the writer's life. A one-word "name" is often a
# capitalized verb or product ("Convert this query", "You are Atlas"): it needs one of these.
NAME_CONTEXT = re.compile(
    r"\b(?:my (?:wife|husband|son|daughter|mom|mother|dad|father|brother|sister|friend|partner"
    r"|boss|manager|neighbou?r|landlord|doctor|colleague|coworker)|dear|hi|hey|hello|it's|i'm"
    r"|name is|name (?:on|for|under) (?:the|my|this|that|his|her|our) (?:order|account|card"
    r"|booking|reservation|ticket|policy|lease|parcel|package|delivery|claim|invoice"
    r"|application|registration|prescription) is"
    r"|name on (?:the |my |our )?(?:filings?|paperwork|petition|deed) (?:is|will be)|named|called"
    r"|call|ask for|mr|mrs|ms|dr|patient|employee|tenant)\b",
    re.IGNORECASE,
)
# Cues that a sentence is about someone's private life: first person, acting towards the
# person, an identifier or a birth or home detail next to the name; some other languages.
# Verbs of acting towards someone count as verbs, not as a field label ("Text: ...").
ABOUT_A_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|my|me|mine|born|birth|dob|lives?|living|moved"
    r"|home address|phone|email|e-mail|contact|reach|diagnos\w*|patient|employee|tenant|client"
    r"|customer|applicant|account|regards|sincerely|soy"
    # whose mailbox or device it is ("The compromised mailbox belongs to Rosalind Okereke")
    r"|(?:mailbox|inbox|laptop|workstation|device) belong(?:s|ed|ing)? to"
    r"|me llamo|je m'appelle|je suis|ich bin|ich hei(?:ß|ss)e|mein name|meu nome|eu sou"
    r"|chamo-me|sou)\b|@|\d{3}[ .-]?\d{2,4}[ .-]?\d{4}"  # an e-mail, phone or ID shape
    r"|\b(?:forward|send|sent|call|text|remind|meet|tell|ask|invite|schedule|cc|reply|notify"
    r"|pay|paid|hire|fire|interview|thank)\b(?!\s*:)",
    re.IGNORECASE,
)
# Names that stand for anyone in examples and forms, the way ``<key>`` stands for a key.
PLACEHOLDER_NAMES = frozenset(
    {"john doe", "jane doe", "john q. public", "richard roe", "jane roe", "joe bloggs",
     "max mustermann", "erika mustermann", "fulano de tal"}
)  # fmt: skip


# Private matters: health, money trouble, work and legal trouble. A sentence that says one of
# them about a named person is about that person's private life, whatever the name or the
# label before it ("Text: ...", "Cc: ..."), and a placeholder name may be a real person's.
PRIVATE_MATTER = re.compile(
    r"\b(?:diagnos\w*|tested positive|positive for|hiv|aids|cancer|chemo\w*|dialysis|pregnan\w*"
    r"|miscarriage|abortion|therapy|therapist|rehab|addict\w*|depress\w*|anxiety|suicid\w*"
    r"|overdos\w*|surgery|disease|disorder|chlamydia|syphilis|herpes|std|sti|medication"
    r"|prescri\w*|biktarvy|admitted|hospital\w*|debts?|owes?|owed|overdrawn|bankrupt\w*|loans?"
    r"|mortgage|unpaid|arrears|rent|salary|severance|terminat\w*|fired|laid off|dismiss\w*"
    r"|disciplinary|divorce|custody|arrest\w*|convict\w*|lawsuit|evict\w*|foreclos\w*"
    # a lien on someone's property, not how liens work ("Dave Ramsey explains how a tax lien
    # works"); support a court set
    r"|liens? (?:found |filed |recorded |placed )?against(?= (?-i:(?:Mr\.? |Mrs\.? |Ms\.? )?[A-Z]))"
    r"|child support|spousal support|alimony)\b",
    re.IGNORECASE,
)


def says_something_private(sentence: str) -> bool:
    return bool(PRIVATE_MATTER.search(sentence))


def is_placeholder_name(name: str, sentence: str = "") -> bool:
    """A name that stands for anyone ("John Doe"), in a sentence that introduces no one and
    says nothing private: "my neighbour Jane Doe owes rent" is about a real person."""
    return (
        " ".join(name.lower().split()) in PLACEHOLDER_NAMES
        and not introduces_a_person(sentence)
        and not says_something_private(sentence)
    )


# General text about a persona, a work or a public role.
PERSONA = re.compile(
    r"\b(?:assistant|ai|chatbot|bot|model|agent|persona|character|narrator|author|wrote"
    r"|written|president|king|queen|emperor|scientist|inventor|composer|painter|novel)\b",
    re.IGNORECASE,
)


def introduces_a_person(sentence: str) -> bool:
    """A person named as someone in the writer's life ("Hi Daniel", "my landlord")."""
    return bool(NAME_CONTEXT.search(sentence))


_PLACEHOLDER_IN_TEXT = re.compile(
    r"\b(?:"
    + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(PLACEHOLDER_NAMES))
    + r")(?!\w)",
    re.IGNORECASE,
)
# Another full name ("Peter Smith"): then the sentence is not only about a placeholder.
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+\b")


def only_about_a_placeholder(sentence: str) -> bool:
    """The person the sentence is about is a placeholder ("John Doe, a 55 year old lumberjack
    living in Newfoundland", an example in an agent's prompt): no one else is named."""
    if not _PLACEHOLDER_IN_TEXT.search(sentence):
        return False
    rest = _PLACEHOLDER_IN_TEXT.sub(" ", sentence)
    return not _FULL_NAME.search(rest)


def about_a_private_person(sentence: str, name: str = "") -> bool:
    """Whether ``sentence`` (naming ``name``) is about a private individual."""
    if introduces_a_person(sentence) or says_something_private(sentence):
        return True
    if PERSONA.search(sentence) or only_about_a_placeholder(sentence):
        return False
    return bool(ABOUT_A_PERSON.search(sentence.replace(name, " ") if name else sentence))
