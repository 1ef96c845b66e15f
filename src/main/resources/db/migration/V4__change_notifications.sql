-- The instances of a fleet keep the finished experiments they have read rather than ask PostgreSQL again
-- (store/ChangeFeed): a finished experiment never changes, but it may be deleted. So that they know when to
-- forget one, PostgreSQL notifies the channel experiment_changes of each deletion (its id) as it commits.
-- Additions and changes of status are not notified: a notification costs every commit that sends one a
-- database-wide lock and a wake-up of every listener, and made a fleet's submissions 44 % slower. The
-- embedded store has only one process, which sees its own writes: the placeholder below is a comment there.
${changeNotifications}
