"""Claims: the factual statements of one article and who asserts them.

:func:`extract_claims` makes one claim per sentence that states something (the tests
are in :mod:`newsprism.pipeline.claim_selection`). Left out:
headings, questions and fragments; a quote's own lines, which the briefing lists as
quotes, not facts: a sentence going on with a quotation opened in an earlier one, or
mostly someone's direct quotation unless the sentence itself says who speaks and the
quoted words state something in the third person, with no pejorative label ("That
means war with NATO.", "Talk to Trump first, scumbags.", "We see no room for
compromise."); and the outlet's commentary: a thing, not an actor, as subject of an
interpretive verb of ``data/commentary_verbs.txt`` ("This divergence highlights a
growing split") or of a linking verb with an adjective ("the risk of further
escalation remains high") when the sentence gives no number.

A claim's asserted content is the clause under a speech verb when the sentence reports
speech ("Russia will not tolerate ..., a Kremlin official said"), else the sentence's
main clause; ``predicate`` is that clause's verb (or the adjective of a copula: "would
be unacceptable"), ``agent`` its subject (and ``co_agents`` those listed with it),
``object_terms`` the paraphrase classes of what it acts on. ``asserter`` is the
outlet, or the source found by :func:`newsprism.pipeline.sources.find_source`. Hedges
come from ``data/hedges.txt``; ``numbers`` are the values of the article's quantities
and of spans of time ("after 48 years"), which spaCy tags as dates.

:func:`link_claims` fills in the entity ids once entities are resolved across a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import data_lines, data_table
from ..models import Analysis, Article, Claim, Mention, Quantity, Quote, Span
from .claim_selection import is_commentary, is_quote_line
from .loaded import quotations
from .quantities import parse_number
from .ranges import cover
from .sources import SourceIndex, find_source, name_of, source_index

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["extract_claims", "link_claims", "term_class"]

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
_MIN_WORDS = 5
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A negated verb of acceptance states opposition: "will not tolerate" = "reject".
_NEGATED_OPPOSE = {"accept", "tolerate", "allow", "permit", "support", "consider", "want"}
_COPULA_COMPLEMENTS = {"acomp", "attr", "oprd"}
# What a predicate acts on: its objects and complements (not its subject, and not the
# circumstances given by "with ...", "amid ...", "after ...").
_OBJECT_DEPS = {"dobj", "dative", "attr", "oprd", "acomp", "xcomp", "ccomp", "prep", "agent"}
_CIRCUMSTANCE = {"with", "amid", "despite", "after", "before", "during", "following", "as"}
_ANY_SUBJECT = {"nsubj", "nsubjpass", "csubj"}
_NAME_LABELS = {"PERSON", "NORP", "GPE", "ORG", "LOC", "FAC"}
_DESCRIPTOR_DEPS = {"compound", "amod", "appos"}
# A span of time spaCy tags DATE ("after 48 years") still gives a number a fact can
# differ in; a calendar date ("Feb. 2022") gives none.
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|dozen)\s+(?:years?|months?|weeks?|days?|"
    r"hours?|minutes?|decades?|centuries)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _hedges() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"\b{re.escape(h.lower())}\b") for h in data_lines("hedges.txt"))


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    return {lemma.lower(): cls for lemma, cls in data_table("term_classes.tsv")}


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(v.strip().lower() for v in data_lines("speech_verbs.txt"))


def term_class(lemma: str) -> str:
    """The paraphrase class of a lemma (``"condemn"`` -> ``"oppose"``), or the lemma."""
    return _classes().get(lemma.lower(), lemma.lower())


def extract_claims(
    article: Article,
    doc: Doc,
    *,
    quotes: Sequence[Quote] = (),
    quantities: Sequence[Quantity] = (),
) -> tuple[Claim, ...]:
    """The claims of ``article``, one per stating sentence, in reading order.

    Args:
        article: the cleaned article.
        doc: spaCy's doc of ``article.body``.
        quotes: the article's quotes, which name the asserter of reported speech.
        quantities: the article's quantities, whose values each claim keeps.

    Returns:
        The claims, with offsets into the document text.
    """
    index = source_index(article, doc, quotes)
    # A cover, built once: a list scanned for every word of every sentence is quadratic.
    marks = cover((s, e) for s, e, _ in quotations(doc.text))
    claims = []
    for sent in _sentences(doc):
        if not _is_statement(sent) or is_quote_line(sent, marks, _speech_verbs()):
            continue
        head = _content_head(sent)
        verb = head.head if head.dep_ in _COPULA_COMPLEMENTS else head
        if is_commentary(sent, verb, outlet_voice=find_source(head, index) is None):
            continue
        claims.append(_claim(article, sent, index, quantities))
    return tuple(claims)


def _sentences(doc: Doc) -> Iterator[SpacySpan]:
    """spaCy's sentences, split again at blank lines: a heading the parser ran into
    the next paragraph is a sentence of its own."""
    for sent in doc.sents:
        start = sent.start_char
        for m in _PARAGRAPH_BREAK.finditer(sent.text):
            piece = doc.char_span(start, sent.start_char + m.start(), alignment_mode="contract")
            if piece is not None and len(piece):
                yield piece
            start = sent.start_char + m.end()
        piece = doc.char_span(start, sent.end_char, alignment_mode="contract")
        if piece is not None and len(piece):
            yield piece


def _is_statement(sent: SpacySpan) -> bool:
    words = [t for t in sent if t.is_alpha]
    if len(words) < _MIN_WORDS or sent.text.rstrip().endswith("?"):
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        return False
    last = sent.text.rstrip().rstrip("”\"’'")
    titled = sum(1 for t in words if t.is_title) / len(words)
    # A heading: no closing punctuation and mostly capitalised words.
    return last.endswith((".", "!", ":", ";")) or titled < 0.5


def _content_head(sent: SpacySpan) -> Token:
    root = sent.root
    verbs = _speech_verbs()
    if root.lemma_.lower() in verbs:
        clause = [c for c in root.children if c.dep_ in {"ccomp", "xcomp"}]
        if clause:
            root = clause[0]
    if root.lemma_ == "be":
        complement = [c for c in root.children if c.dep_ in _COPULA_COMPLEMENTS]
        if complement:
            return complement[0]
    return root


def _predicate(head: Token) -> tuple[str, bool]:
    particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), "")
    lemma = f"{head.lemma_.lower()} {particle}".strip()
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)
    if head.dep_ in _COPULA_COMPLEMENTS:
        negated = negated or any(c.dep_ == "neg" for c in head.head.children)
    if negated and lemma in _NEGATED_OPPOSE:
        return "oppose", False
    return term_class(lemma), negated


def _agent(
    head: Token, index: SourceIndex, sent: SpacySpan
) -> tuple[Span | None, tuple[Span, ...]]:
    """The mention doing the action of ``head``, and those coordinated with it."""
    subject = _subject(head, sent)
    if subject is None:
        return None, ()
    found = [name_of(t, index) for t in (subject, *subject.conjuncts, *_listed_before(subject))]
    spans = [s.span for s in found if s is not None and s.span is not None]
    first = found[0].span if found[0] is not None else None
    return first, tuple(s for s in spans if s != first)


def _listed_before(subject: Token) -> list[Token]:
    """Names of the subject's kind listed right before it ("Germany, Italy, Poland,
    and Spain"), which the parser may hang on an earlier phrase ("According to the
    Financial Times, Germany, ...")."""
    if not subject.ent_type_:
        return []
    found = []
    i = subject.i - 1
    doc = subject.doc
    while i >= 0 and doc[i].lower_ in {",", "and", "or"}:
        j = i
        while j >= 0 and doc[j].lower_ in {",", "and", "or"}:
            j -= 1
        if j < 0 or doc[j].ent_type_ != subject.ent_type_ or doc[j] in subject.conjuncts:
            break
        found.append(doc[j])
        i = j - 1
        while i >= 0 and doc[i].ent_iob_ == "I" and doc[i + 1].ent_iob_ == "I":
            i -= 1
    return found


def _subject(head: Token, sent: SpacySpan) -> Token | None:
    verb = head.head if head.dep_ in _COPULA_COMPLEMENTS else head
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    outside = [c for c in verb.children if c.dep_ in _ANY_SUBJECT and c.i < sent.start]
    if outside:
        # A heading the parser ran into the sentence ("... Amid Ongoing Conflict\n\n
        # Russia has firmly rejected"): its words are no subject of this sentence; the
        # name nearest before the verb is ("..., U.S. Defense Secretary Pete Hegseth
        # ruled out"), else the first noun.
        before = [t for t in sent if t.i < verb.i]
        names = [t for t in before if t.pos_ == "PROPN" and t.ent_type_]
        nouns = [t for t in before if t.pos_ in {"PROPN", "NOUN"}]
        subject = names[-1] if names else next(iter(nouns), None)
    elif subject is None:
        # The parse of a sentence run together with a heading can lose the link from
        # the verb; the sentence's first subject is then the best guess.
        subject = next((t for t in sent if t.dep_ == "nsubj" and t.i >= verb.i - 12), None)
    if subject is None or subject.i > verb.i:
        return None
    return subject


def _claim(
    article: Article, sent: SpacySpan, index: SourceIndex, quantities: Sequence[Quantity]
) -> Claim:
    span = article.span(sent.start_char, sent.end_char)
    head = _content_head(sent)
    predicate, negated = _predicate(head)
    source = find_source(head, index)
    lower = sent.text.lower()
    hedges = tuple(dict.fromkeys(m.group(0) for p in _hedges() for m in p.finditer(lower)))
    speech = _speech_verbs()
    described = _descriptors(sent)

    def term(t: Token) -> str | None:
        if (
            t.pos_ not in _CONTENT_POS
            or t.is_stop
            or not t.is_alpha
            # Names and demonyms ("Russian") are matched by entity id; a common noun
            # the recogniser took for a name ("Aides said") stays a word.
            or (t.ent_type_ in _NAME_LABELS and (t.pos_ == "PROPN" or t.ent_type_ == "NORP"))
            or t.i in described
            or (t.pos_ == "VERB" and t.lemma_.lower() in speech and t is not head)
        ):
            return None
        # "will not tolerate" counts as the "oppose" it states, so that it matches
        # "rejected".
        return predicate if t is head and predicate == "oppose" else term_class(t.lemma_)

    terms = tuple(x for x in map(term, sent) if x is not None)
    objects = tuple(dict.fromkeys(x for t in _objects(head, sent) if (x := term(t)) is not None))
    agent, co_agents = _agent(head, index, sent)
    numbers = tuple(
        q.value
        for q in quantities
        if q.value is not None and span.start <= q.start and q.end <= span.end
    ) + _durations(sent)
    return Claim(
        start=span.start,
        end=span.end,
        text=span.text,
        asserter=source.name if source else "outlet",
        asserter_entity=source.entity if source else None,
        asserter_span=source.span if source else None,
        hedges=hedges,
        predicate=predicate,
        is_negated=negated,
        agent=agent,
        co_agents=co_agents,
        terms=terms,
        numbers=numbers,
        object_terms=objects,
    )


def _descriptors(sent: SpacySpan) -> set[int]:
    """Token indices of the words that describe a person named in ``sent`` ("Foreign
    Minister", "deputy chairman of Russia's Security Council"): they tell who speaks,
    not what happened, and would make every sentence naming a minister look alike."""
    found: set[int] = set()
    for t in sent:
        if t.ent_type_ != "PERSON":
            continue
        for child in t.children:
            if child.dep_ in _DESCRIPTOR_DEPS and child.ent_type_ != "PERSON":
                found.update(x.i for x in child.subtree)
    return found


def _durations(sent: SpacySpan) -> tuple[float, ...]:
    """The numbers of the spans of time in ``sent`` ("after 48 years": 48)."""
    found = []
    for ent in sentence_ents(sent):
        if ent.label_ != "DATE":
            continue
        for m in _DURATION.finditer(ent.text):
            value = parse_number(m.group(0))
            if value is not None:
                found.append(value)
    return tuple(found)


def _objects(head: Token, sent: SpacySpan) -> Iterator[Token]:
    """The tokens of what ``head`` acts on: the subtrees of its objects and
    complements; for an adjective of a copula ("would be unacceptable"), its subject."""
    verb = head.head if head.dep_ in _COPULA_COMPLEMENTS else head
    roots = [
        c
        for c in head.children
        if c.dep_ in _OBJECT_DEPS and c.lower_ not in _CIRCUMSTANCE and c.i >= sent.start
    ]
    if verb is not head:
        roots += [c for c in verb.children if c.dep_ == "nsubj" and c.i >= sent.start]
    for root in roots:
        for t in root.subtree:
            if sent.start <= t.i < sent.end and t is not head:
                yield t


def _entity_at(
    span: Span | None, mentions: Sequence[Mention], speakers: dict[tuple[int, int], str]
) -> str | None:
    if span is None:
        return None
    if (span.start, span.end) in speakers:
        return speakers[(span.start, span.end)]
    best, overlap = None, 0
    for m in mentions:
        shared = min(m.end, span.end) - max(m.start, span.start)
        if shared > overlap and m.entity:
            best, overlap = m.entity, shared
    return best


def link_claims(analysis: Analysis) -> Analysis:
    """``analysis`` with its claims' and quantities' entity ids filled in from its
    resolved mentions (matched by offsets)."""
    mentions = analysis.mentions
    # A source found through a quote is its speaker, resolved with the quotes.
    speakers = {
        (q.speaker.start, q.speaker.end): q.speaker.entity
        for q in analysis.quotes
        if q.speaker is not None and q.speaker.entity
    }
    claims = []
    for c in analysis.claims:
        inside = tuple(
            dict.fromkeys(
                m.entity for m in mentions if m.entity and c.start <= m.start and m.end <= c.end
            )
        )
        claims.append(
            replace(
                c,
                entities=inside,
                agent_entity=_entity_at(c.agent, mentions, speakers),
                co_agent_entities=tuple(
                    e for a in c.co_agents if (e := _entity_at(a, mentions, speakers))
                ),
                asserter_entity=c.asserter_entity
                or _entity_at(c.asserter_span, mentions, speakers),
            )
        )
    quantities = [
        replace(
            q, asserter_entity=q.asserter_entity or _entity_at(q.asserter_span, mentions, speakers)
        )
        for q in analysis.quantities
    ]
    return replace(analysis, claims=tuple(claims), quantities=tuple(quantities))


def sentence_ents(sent: SpacySpan) -> list[SpacySpan]:
    """The named entities wholly inside ``sent``, in order: ``sent.ents`` without its
    scan of every entity of the document, which made long articles quadratic.

    Args:
        sent: a sentence (or any span) of a parsed doc.

    Returns:
        The entity spans, as ``sent.ents`` gives them.
    """
    from spacy.tokens import Span as SpacySpan

    doc, found = sent.doc, []
    i = sent.start
    while i < sent.end:
        token = doc[i]
        if token.ent_iob_ != "B" or not token.ent_type:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= sent.end:
            found.append(SpacySpan(doc, i, end, label=token.ent_type))
        i = end
    return found
