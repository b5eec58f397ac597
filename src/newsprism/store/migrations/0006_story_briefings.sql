-- Each stored story's briefing record (newsprism.brief.records.StoryBriefing, tagged
-- JSON by newsprism.codec), so that `brief` from the store and the web app's story page
-- read it instead of comparing the articles again. `key` fingerprints what made it
-- (the story's members and copies, the analysis version, the comparison's code): a
-- record whose key no longer matches is rebuilt and replaced.
CREATE TABLE story_briefings (
    story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    record   TEXT NOT NULL,
    built_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
