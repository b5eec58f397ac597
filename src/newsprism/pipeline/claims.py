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

from rapidfuzz import fuzz

from ..data import data_lines, data_table
from ..models import Analysis, Article, Claim, Mention, Quantity, Quote, Span
from .claim_selection import (
    is_commentary,
    is_question,
    is_quote_line,
    is_quoted_statement,
    same_sentence,
)
from .loaded import quotations
from .quantities import parse_number
from .ranges import cover
from .sources import SourceIndex, find_source, name_of, quote_at, source_index

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["extract_claims", "headline", "is_headline", "link_claims", "term_class"]

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
_MIN_WORDS = 5
# A headline states a fact from this many words ("Etheridge, Caught on Video,
# Apologizes": 5; "Moscow's Stark Warning": 3 is a label). Headlines are shorter than
# sentences, so one word under the sentences' floor; not tuned.
_HEADLINE_WORDS = 4
# A headline the body repeats this closely (rapidfuzz token-set ratio: 100 when every
# word of the headline is in one sentence) is the body's sentence set as headline, not
# a fact of its own (tests/pipeline/test_claims.py); not tuned.
_REPEATED = 90
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
# Verbs that tie a sentence to the one before it ("The remarks come as ..."): the
# statement is their "as" clause.
_TRANSITIONS = {"come"}
_SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
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
    title: Doc | None = None,
) -> tuple[Claim, ...]:
    """The claims of ``article``, one per stating sentence, in reading order: its
    headline first when it states something.

    Args:
        article: the cleaned article.
        doc: spaCy's doc of ``article.body``.
        quotes: the article's quotes, which name the asserter of reported speech.
        quantities: the article's quantities, whose values each claim keeps.
        title: spaCy's doc of the headline as :func:`headline` gives it (None: no
            headline claim).

    Returns:
        The claims, with offsets into the document text.
    """
    index = source_index(article, doc, quotes)
    # A cover, built once: a list scanned for every word of every sentence is quadratic.
    marks = cover((s, e) for s, e, _ in quotations(doc.text))
    speech = _speech_verbs()
    claims: list[Claim] = []
    for sent in _sentences(doc):
        if not _is_statement(sent):
            continue
        if is_quote_line(sent, marks, speech) and not is_quoted_statement(
            sent, marks, has_speaker=_has_speaker(sent, index)
        ):
            continue
        head = _content_head(sent)
        verb = head.head if head.dep_ in _COPULA_COMPLEMENTS else head
        if is_commentary(sent, verb, outlet_voice=find_source(head, index) is None):
            continue
        # A pull-quote set again in the body states nothing new.
        if any(same_sentence(sent.text, c.text) for c in claims):
            continue
        claims.append(_claim(article, sent, index, quantities))
    lead = _headline_claim(article, title, claims) if title is not None else None
    return (lead, *claims) if lead is not None else tuple(claims)


def headline(article: Article) -> str | None:
    """The headline of ``article`` as its text gives it, for :func:`extract_claims`'s
    ``title``: None when the headline is not part of the text (a record's ``title``
    field, or one made from the body's first words), since a claim needs a span of the
    text."""
    span = article.title_span
    if span is None or article.text[span.start : span.end] != span.text:
        return None
    return span.text


def is_headline(analysis: Analysis, claim: Claim) -> bool:
    """Whether ``claim`` is ``analysis``'s headline claim (its span is the headline's)."""
    title = analysis.article.title_span
    return title is not None and title.start <= claim.start and claim.end <= title.end


def _has_speaker(sent: SpacySpan, index: SourceIndex) -> bool:
    """Whether a quote with a named speaker holds words of ``sent``."""
    for t in sent:
        if not t.is_alpha:
            continue
        quote = quote_at(index, t.idx)
        if quote is not None and quote.speaker is not None:
            return quote.speaker.label != "unattributed"
    return False


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
    if len(words) < _MIN_WORDS or is_question(sent.text):
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
    elif root.lemma_.lower() in _TRANSITIONS and not any(
        c.dep_ == "nsubj" and c.ent_type_ for c in root.children
    ):
        # "Lavrov's comments come as Macron has taken a more assertive stance": the
        # main clause only ties the sentence to the last; what it states is the clause
        # after "as" or "amid".
        clause = [
            c
            for c in root.children
            if c.dep_ == "advcl" and any(m.lower_ in {"as", "amid"} for m in c.children)
        ]
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
    hedges = _hedges_in(sent.text)
    terms, objects = _terms(sent, head, predicate)
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


def _hedges_in(text: str) -> tuple[str, ...]:
    lower = text.lower()
    return tuple(dict.fromkeys(m.group(0) for p in _hedges() for m in p.finditer(lower)))


def _terms(
    sent: SpacySpan, head: Token, predicate: str | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The content terms of ``sent`` and those of what ``head`` acts on."""
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
    return terms, objects


def _headline_claim(article: Article, title: Doc, claims: Sequence[Claim]) -> Claim | None:
    """The claim of the headline (``title``, spaCy's doc of :func:`headline`): what the
    story's main fact is, in the outlet's words or a speaker's ("Medvedev says NATO
    troop deployment in Ukraine would mean war"; "Larry Summers: If Tax Deal Goes Down
    ..."). None for a question, a label of fewer than :data:`_HEADLINE_WORDS` words,
    or a headline the body repeats (a lead set as headline: that sentence is the
    claim)."""
    place = article.title_span
    if place is None or not len(title) or title.text != place.text:
        return None
    words = [t for t in title if t.is_alpha]
    if len(words) < _HEADLINE_WORDS or is_question(title.text):
        return None
    if any(fuzz.token_set_ratio(title.text.lower(), c.text.lower()) >= _REPEATED for c in claims):
        return None
    sent = title[:]
    head = _content_head(sent)
    # Title case confuses the tagger ("AARP Open to Social Security Cuts"): a predicate
    # only when the parse found a verb or a predicate adjective.
    stating = head.pos_ in {"VERB", "AUX"} or head.dep_ in _COPULA_COMPLEMENTS
    predicate, negated = _predicate(head) if stating else (None, False)
    terms, objects = _terms(sent, head, predicate)

    def at(first: Token, last: Token) -> Span:
        start, end = first.idx, last.idx + len(last.text)
        return Span(place.start + start, place.start + end, title.text[start:end])

    speaker = _headline_speaker(sent)
    subject = _subject(head, sent) if stating else None
    agent = at(*_name_bounds(subject)) if subject is not None and subject.pos_ == "PROPN" else None
    asserter = at(*speaker) if speaker is not None else None
    return Claim(
        start=place.start,
        end=place.end,
        text=place.text,
        asserter=asserter.text if asserter is not None else "outlet",
        asserter_span=asserter,
        hedges=_hedges_in(title.text),
        predicate=predicate,
        is_negated=negated,
        agent=agent,
        terms=terms,
        numbers=_durations(sent),
        object_terms=objects,
    )


def _headline_speaker(sent: SpacySpan) -> tuple[Token, Token] | None:
    """The first and last word of whoever a headline reports: the subject of a speech
    verb ("Medvedev says ...", "..., Obama's Top Economic Aide Warns") or a name before
    a colon ("Larry Summers: ...")."""
    root = sent.root
    # A verb of saying with a clause it reports: "rejects", a speech verb too, is the
    # fact itself in "Russia Rejects Foreign Troop Deployment".
    if root.lemma_.lower() in _speech_verbs() and any(
        c.dep_ in {"ccomp", "xcomp"} for c in root.children
    ):
        subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.ent_type_ in _SPEAKER_LABELS:
            # The name's words up to its head ("Mayor Anna Reyes": "Anna Reyes").
            first = subject
            while first.i > sent.start and first.ent_iob_ == "I":
                first = sent.doc[first.i - 1]
            return first, subject
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is not None and 0 < colon.i - sent.start <= 3:
        before = sent.doc[sent.start : colon.i]
        # Only a name: "Bob Etheridge Attacks Student: ..." is a clause, not a speaker.
        if all(t.ent_type_ in _SPEAKER_LABELS for t in before):
            return before[0], before[-1]
    return None


def _name_bounds(token: Token) -> tuple[Token, Token]:
    """The first and last word of the name ``token`` heads: with the words compounded
    before it ("Larry Summers", "Economic Aide"). Not the recogniser's entity, which
    in a title-case headline runs on ("Russia Rejects Foreign Troop Deployment")."""
    first = token
    for child in reversed(list(token.lefts)):
        if child.dep_ not in {"compound", "flat"} or child.i != first.i - 1:
            break
        first = child
    return first, token


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


def _link_headline(claim: Claim, mentions: Sequence[Mention]) -> Claim:
    """A headline claim with entity ids: the recogniser ran over the body only, so the
    headline's names are matched by their words against the body's mentions ("Etheridge"
    in the headline is the body's "Bob Etheridge")."""
    named = _names_in(claim.text, mentions)
    agent = _names_in(claim.agent.text, mentions) if claim.agent else ()
    asserter = _names_in(claim.asserter_span.text, mentions) if claim.asserter_span else ()
    return replace(
        claim,
        entities=named,
        agent_entity=agent[0] if agent else None,
        asserter_entity=asserter[0] if asserter else None,
    )


def _names_in(text: str, mentions: Sequence[Mention]) -> tuple[str, ...]:
    """The entity ids of the mentions whose name, or a person's surname, ``text``
    holds as whole words, most mentioned first."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.entity is None:
            continue
        names = {m.text}
        if m.label == "PERSON" and " " in m.text:
            names.add(m.text.rsplit(" ", 1)[1])
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names if len(n) > 2):
            counts[m.entity] = counts.get(m.entity, 0) + 1
    return tuple(sorted(counts, key=lambda e: -counts[e]))


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
        if is_headline(analysis, c):
            claims.append(_link_headline(c, mentions))
            continue
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
