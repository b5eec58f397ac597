"""Pipeline stages: pure functions over records. None of them reads files, prints or
touches the store, so the same code runs locally and inside Spark executors."""
