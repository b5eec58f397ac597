"""Speakers: the mention a cue points at, pronouns resolved, the fullest form of a name."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ...models import Article, Quote, QuoteKind, Speaker
from ..annotate import entity_of
from .genders import PRONOUN_GENDERS, agrees
from .layout import _Cue, _Layout, _Named
from .lexicon import pronouns, source_nouns, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

# Confidence set by hand on the seed articles: a named speaker next to the quotation is
# the strongest evidence, a pronoun or a speaker carried over from earlier weaker. The
# order matters more than the values.
_BASE_CONFIDENCE: dict[QuoteKind, float] = {"direct": 0.9, "mixed": 0.8, "indirect": 0.7}
_PRONOUN_PENALTY = 0.15
_NAMELESS_PENALTY = 0.1  # the speaker is a common noun phrase ("European officials")
_CONTINUATION_CONFIDENCE = (0.6, 0.45)  # same paragraph, next paragraph
_UNATTRIBUTED_CONFIDENCE = 0.3
_MAX_SENTENCES_BACK = 6  # how far a pronoun looks for its antecedent
_NAME_LABELS = {"PERSON": "person", "ORG": "group", "GPE": "group", "NORP": "group"}


def _make_quote(
    article: Article, layout: _Layout, content: tuple[int, int], kind: QuoteKind, cue: _Cue
) -> Quote:
    confidence = _BASE_CONFIDENCE[kind]
    speaker: Speaker | None = None
    if cue.speaker is not None:
        s_start, s_end, name, is_pronoun = _speaker_mention(layout, cue.speaker, content)
        relative = _relative_pronoun(cue)
        # "Christie, who says ...": as "he"; "the study, which notes ...": the mention is
        # "which" too (PolNeAR's source), the study stays nameless but described
        description = None
        if relative is not None:
            if name is None:
                description = article.span(s_start, s_end).text
            s_start, s_end = relative.idx, relative.idx + len(relative)
        mention = article.span(s_start, s_end)
        speaker = Speaker(
            mention.start, mention.end, mention.text, name=name, description=description
        )
        confidence -= _PRONOUN_PENALTY if is_pronoun else 0.0
        confidence -= _NAMELESS_PENALTY if name is None else 0.0
    else:
        confidence -= _NAMELESS_PENALTY
    span, cue_span = article.span(*content), article.span(cue.start, cue.end)
    return Quote(span.start, span.end, span.text, kind, speaker, cue_span, round(confidence, 2))


def _relative_pronoun(cue: _Cue) -> Token | None:
    """The "who" of a cue in a relative clause whose speaker is the noun it hangs on."""
    verb = cue.verb
    # "a nominee who has never held office and spent months attacking ...": a verb with
    # no subject of its own shares the relative clause's "who"
    while verb.dep_ in ("conj", "xcomp") and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head
    if verb.dep_ != "relcl" or cue.speaker is None or cue.speaker.i != verb.head.i:
        return None
    return next(
        (c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that")),
        None,
    )


# A subject of these kinds counts or dates something and names no one ("two said",
# "About one in five ..."), unless it is "two of the officials".
_AMOUNT_LABELS = {"CARDINAL", "ORDINAL", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
_RELATIVES = {"who", "which", "that"}
_DASHES = {"—", "–", "-", "--"}


def _names_someone(token: Token) -> bool:
    """Whether a cue's subject can be a source: a name, a pronoun, a title, a noun
    PolNeAR's annotators take as a source ("officials", "a new poll":
    ``data/source_nouns.tsv``) or a thing a name owns ("a Bloomberg poll") -- not a
    number ("two"), a verb form ("Posting on X, ... accusing") or a thing the outlet
    talks about ("This divergence highlights a growing split")."""
    if token.lower_ == "one":  # `"...," read one`: a pronoun here, not a count
        return True
    if token.pos_ == "NUM" or (token.ent_type_ in _AMOUNT_LABELS and token.pos_ != "PROPN"):
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        member = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return member is not None and _names_someone(member)
    if token.pos_ == "PRON" or token.lower_ in pronouns() or token.lower_ in _RELATIVES:
        return True
    if token.pos_ not in ("NOUN", "PROPN") and not token.ent_type_:
        return False
    if _is_dateline(token):
        return False
    return _is_source(token) or token.lemma_.lower() in source_nouns()


def _is_dateline(token: Token) -> bool:
    """ "HARTFORD — Blumenthal defended himself ...", "Denver (AP) – ...": a place in
    capitals opening a paragraph before a dash, or before a wire's name in brackets and
    a dash, is where the story was filed, not who spoke."""
    doc, i = token.doc, token.i
    start = i
    while start > 0 and doc[start - 1].is_upper and doc[start - 1].ent_type_ == token.ent_type_:
        start -= 1
    opens = start == 0 or "\n" in doc[start - 1].text_with_ws
    after = doc[i + 1].text if i + 1 < len(doc) else ""
    if opens and token.ent_type_ in ("GPE", "LOC") and after == "(":
        # "Denver (AP) – Colorado's top law enforcement official promises ..."
        close = next((t for t in doc[i + 1 : i + 6] if t.text == ")"), None)
        return close is not None and close.i + 1 < len(doc) and doc[close.i + 1].text in _DASHES
    return token.is_upper and token.ent_type_ in ("GPE", "LOC") and opens and after in _DASHES


def _is_narration(cue: _Cue) -> bool:
    """A verb of commentary (``data/commentary_verbs.txt``, as the claims read it) whose
    subject is a thing that names no one: "This divergence highlights a growing split",
    "The latest Russian rejection underscores the gulf" -- the outlet's own commentary,
    not anyone's speech. (PolNeAR's annotators count some of these as attributions --
    "the euro crisis highlighted sharp differences" -- but a reader of the briefing
    should not see the outlet's analysis as someone's words.)"""
    token = cue.speaker
    if token is None or cue.verb.lemma_.lower() not in word_set("commentary_verbs.txt"):
        return False
    return token.pos_ == "NOUN" and not token.ent_type_ and not _names_someone(token)


def _is_source(token: Token | None) -> bool:
    """Whether ``token`` can be a source of what its verb's object says: a name, a
    pronoun, a title ("the spokesman"), or a thing a name owns ("a Bloomberg poll",
    "Trump's campaign") -- not "the divergence highlights a split"."""
    if token is None:
        return False
    if token.pos_ == "PROPN" or token.ent_type_ or token.lower_ in pronouns():
        return True
    if token.lemma_.lower() in word_set("speech_titles.txt"):
        return True
    return any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in token.children)


def _speaker_mention(
    layout: _Layout, token: Token, content: tuple[int, int] | None = None
) -> tuple[int, int, str | None, bool]:
    """Body offsets of the speaker mention, the speaker's name, and whether it is a
    pronoun. ``content``: body offsets of what was said, whose names a pronoun does not
    stand for."""
    # "at least one senator, Arizona's John McCain, said": the name, not the possessive
    appositions = [
        c
        for c in token.children
        if c.dep_ == "appos" and c.pos_ == "PROPN" and not any(g.dep_ == "case" for g in c.children)
    ]
    if token.pos_ == "NOUN" and appositions:
        token = appositions[0]
    end = token.idx + len(token)
    pronoun = pronouns().get(token.lower_)
    if pronoun is not None:
        said = layout.body[content[0] : content[1]] if content else ""
        antecedent = _antecedent(layout, token.idx, pronoun, said=said, word=token.lower_)
        name = _full_name(layout, antecedent) if antecedent is not None else None
        return token.idx, end, name, True
    words, kind = _name_tokens(token)
    if kind is None:  # a common noun phrase: "senior Kremlin official"
        left = [t for t in token.doc[token.left_edge.i : token.i] if t.dep_ != "det"]
        return (left[0].idx if left else token.idx), end, None, False
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    kind = next((n.kind for n in layout.named if n.offset == start), kind)
    mention = _Named(start, layout.body[start:end], kind, True, 0)
    return start, end, _full_name(layout, mention), False


def _name_tokens(token: Token) -> tuple[list[Token], str | None]:
    """The proper name around ``token`` and whether it names a person or a group.

    Proper nouns and name particles before the entity join it ("Ursula von der Leyen");
    a title among them ("Foreign Minister Sergey Lavrov") marks a person and is dropped
    with everything before it. ``None`` as kind: not a proper name.
    """
    doc, titles = token.doc, word_set("speech_titles.txt")
    ent = entity_of(token)
    if ent is not None and ent.label_ in _NAME_LABELS:
        words, kind = list(ent), _NAME_LABELS[ent.label_]
    elif token.pos_ == "PROPN":
        words, kind = [token], "group"
    else:
        return [token], None
    particles = word_set("speech_name_particles.txt")
    while words[0].i > 0 and (
        doc[words[0].i - 1].pos_ == "PROPN" or doc[words[0].i - 1].lower_ in particles
    ):
        words.insert(0, doc[words[0].i - 1])
    own = len(ent) if ent is not None else 1  # titles inside an ORG name stay: "Foreign Ministry"
    last_title = max((i for i, t in enumerate(words) if t.lower_ in titles), default=-1)
    if last_title >= 0 and (kind == "person" or last_title < len(words) - own):
        words, kind = words[last_title + 1 :], "person"
    elif ent is not None:
        words = list(ent)
    words = [t for t in words if t.dep_ not in ("det", "case") and not t.is_punct]
    if kind == "group" and ent is None and len(words) > 1:
        kind = "person"  # "Giorgia Meloni" missed by the recogniser
    return words or [token], kind


def _named_mentions(layout: _Layout) -> tuple[_Named, ...]:
    """Proper names outside quotations in text order; a name that is elsewhere a person's
    ("Starmer" tagged ORG, "Keir Starmer" PERSON) counts as that person."""
    heads = [e.root for e in layout.doc.ents if e.label_ in _NAME_LABELS] + [
        t for t in layout.doc if t.dep_ == "nsubj" and t.pos_ == "PROPN" and not t.ent_type_
    ]
    named = set()
    for token in heads:
        words, kind = _name_tokens(token)
        if kind is None or layout.is_quoted(token.idx):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if not layout.body[start:end].strip():
            continue
        is_subject = token.dep_ in ("nsubj", "nsubjpass")
        sentence = layout.sentence_of(start)
        named.add(_Named(start, layout.body[start:end], kind, is_subject, sentence))
    surnames = {n.name.split()[-1] for n in named if n.kind == "person"}
    named = {replace(n, kind="person") if n.name.split()[-1] in surnames else n for n in named}
    return tuple(sorted(named, key=lambda n: n.offset))


def _antecedent(
    layout: _Layout, offset: int, kind: str, *, said: str = "", word: str = "", depth: int = 3
) -> _Named | None:
    """The name a pronoun stands for: going back sentence by sentence, the first subject
    of the right kind, else (for people) the first person named in that sentence -- the
    main clause comes first more often than not. A name inside what the pronoun's
    person's ``said`` is someone else: in "she said Moore, then 32, took her to his
    home" (BASIL), "she" is not Moore. (An institution does name itself in its
    statements: "the members of the Security Council ...".) The pronoun ``word``
    ("she") stands for no one the article shows to be of the other gender
    (:mod:`.genders`), and a sentence before it that opens with the same pronoun as
    its subject passes it on: in "She said ... asking Moore to take her home. "...,"
    she told the Post" (BASIL) both stand for the woman named before, not for Moore."""
    words = set(re.findall(r"\w+", said)) if kind == "person" else set()
    earlier = [
        n
        for n in layout.named
        if n.offset < offset
        and n.kind == kind
        and not (words and set(re.findall(r"\w+", n.name)) <= words)
        and agrees(word, n.name, layout.genders)
    ]
    current = layout.sentence_of(offset)
    for sentence in range(current, current - _MAX_SENTENCES_BACK, -1):
        names = [n for n in earlier if n.sentence == sentence]
        same = _pronoun_subject(layout, sentence, word) if sentence < current and depth else None
        if same is not None and (not names or same.idx < names[0].offset):
            return _antecedent(layout, same.idx, kind, word=same.lower_, depth=depth - 1)
        subjects = [n for n in names if n.is_subject]
        if subjects:
            return subjects[0]
        if names and kind == "person":
            return names[0]
    return None


def _pronoun_subject(layout: _Layout, sentence: int, word: str) -> Token | None:
    """The subject of ``sentence``'s main verb when it is a pronoun of the same gender
    as ``word`` ("she" and "She", "he" and "his"), outside quotation marks."""
    gender = PRONOUN_GENDERS.get(word)
    if gender is None or sentence < 0:
        return None
    start = layout.sentences[sentence]
    end = (
        layout.sentences[sentence + 1] if sentence + 1 < len(layout.sentences) else len(layout.body)
    )
    tokens = layout.tokens(start, end)
    if not tokens:
        return None
    subject = next((c for c in tokens[0].sent.root.children if c.dep_ == "nsubj"), None)
    if subject is None or not start <= subject.idx < end or layout.is_quoted(subject.idx):
        return None
    return subject if PRONOUN_GENDERS.get(subject.lower_) == gender else None


def _full_name(layout: _Layout, mention: _Named) -> str:
    """The longest name of the same person seen up to ``mention``; when none is longer
    than the mention itself (a surname in a headline), the longest anywhere."""
    if mention.kind != "person":
        return mention.name
    words = set(mention.name.split())
    same = [n for n in layout.named if n.kind == "person" and words <= set(n.name.split())]
    so_far = [n for n in same if n.offset <= mention.offset]
    best = max(so_far, key=lambda n: len(n.name.split()), default=mention)
    if len(best.name.split()) <= len(words):
        best = max(same, key=lambda n: len(n.name.split()), default=mention)
    return best.name
