"""Stories: grouping articles that report the same events.

One subpackage, imported one way (each module imports only those above it)::

    words       tokens, publication days, time decay, the lexical similarity
    story       a Story record from its members, and its id
    similarity  the learned story similarity (LightGBM over word and embedding features)
    index       the lexical story index: candidates and one-pass assignment
    cluster     the batch: learned similarity, average linkage (index above 4,000)
    place       adding articles to the stored stories with the learned similarity

The store (:mod:`newsprism.store.stories`) implements the index's methods over SQL and
imports nothing from here; the records both sides share (``StoryItem``,
``StoryState``, ``ArticleText``) are in :mod:`newsprism.models`.
"""
