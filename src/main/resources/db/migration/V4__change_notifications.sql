-- The instances of a fleet keep the finished experiments they have read, and list pages of them, rather than
-- ask PostgreSQL again (store/ChangeFeed). So that they know when to forget them, PostgreSQL notifies the
-- channel experiment_changes at every commit that deletes an experiment (its id) or adds one or changes its
-- status (no payload: a list may show something else). The embedded store has only one process, which sees its
-- own writes: the placeholder below is a comment there (Dialect).
${changeNotifications}
