-- The store's revision (max(analysed_at), read by the web app every few seconds) and
-- the count of analyses per pipeline version read an index instead of every stored
-- analysis: at 10,000 articles 183 ms became 2 ms (benchmarks/startup.py --web).
CREATE INDEX analyses_pipeline ON analyses (pipeline, analysed_at);
CREATE INDEX analyses_analysed_at ON analyses (analysed_at)
