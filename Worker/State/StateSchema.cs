namespace SfBridge.State;

/// <summary>
/// The state schema as numbered migrations, in the SQL SQLite and PostgreSQL share ({serial} is each engine's auto-numbered key). A database records the highest applied version; each migration runs
/// once, in its own transaction. Instants are stored as round-trip UTC text, which sorts chronologically.
/// </summary>
public static class StateSchema
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (1, """
            CREATE TABLE watermarks (object TEXT PRIMARY KEY, system_modstamp TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE tracked_cases (id TEXT PRIMARY KEY, system_modstamp TEXT NOT NULL, record TEXT NOT NULL);
            CREATE TABLE case_versions (id TEXT PRIMARY KEY, system_modstamp TEXT NOT NULL);
            CREATE TABLE case_journal (seq {serial}, id TEXT NOT NULL, system_modstamp TEXT NOT NULL, change TEXT NOT NULL, at TEXT NOT NULL);
            CREATE TABLE org_records (object TEXT NOT NULL, id TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (object, id));
            CREATE TABLE quarantine (seq {serial}, object TEXT NOT NULL, id TEXT, reason TEXT NOT NULL, payload TEXT, at TEXT NOT NULL);
            CREATE TABLE runs (seq {serial}, job TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, ok INTEGER NOT NULL, detail TEXT NOT NULL);
            """),
        (2, """
            CREATE TABLE findings (
                breach_key TEXT PRIMARY KEY, case_id TEXT NOT NULL, case_number TEXT NOT NULL, pack TEXT NOT NULL, rule_id TEXT NOT NULL,
                kind TEXT NOT NULL, severity TEXT NOT NULL, due_at TEXT, message TEXT NOT NULL, mentions TEXT NOT NULL,
                first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, cleared_at TEXT);
            CREATE INDEX findings_open ON findings (cleared_at) WHERE cleared_at IS NULL;
            CREATE INDEX case_journal_id ON case_journal (id);
            """),
        (3, """
            CREATE TABLE alerts (
                reference TEXT PRIMARY KEY, breach_key TEXT NOT NULL, case_id TEXT NOT NULL, rule_id TEXT NOT NULL,
                sequence INTEGER NOT NULL, level INTEGER NOT NULL, purpose TEXT NOT NULL, state TEXT NOT NULL,
                message TEXT NOT NULL, mentions TEXT NOT NULL, template_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL, sending_since TEXT, sent_at TEXT, feed_element_id TEXT, last_error TEXT,
                UNIQUE (breach_key, sequence));
            CREATE INDEX alerts_due ON alerts (state, created_at);
            CREATE TABLE critical_marks (case_id TEXT PRIMARY KEY, marked_at TEXT NOT NULL);
            """),
        (4, """
            ALTER TABLE tracked_cases ADD COLUMN pack TEXT;
            ALTER TABLE tracked_cases ADD COLUMN pack_record_type TEXT;
            ALTER TABLE tracked_cases ADD COLUMN closing INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE findings ADD COLUMN detail TEXT;
            CREATE TABLE first_routings (case_id TEXT NOT NULL, queue_id TEXT NOT NULL, first_at TEXT NOT NULL, PRIMARY KEY (case_id, queue_id));
            CREATE TABLE gar_answers (
                seq {serial}, order_number TEXT NOT NULL, found INTEGER NOT NULL, status TEXT, validated_at TEXT, updated_at TEXT, seen_at TEXT NOT NULL);
            CREATE INDEX gar_answers_order ON gar_answers (order_number, seq);
            """),
        (5, """
            CREATE TABLE child_versions (id TEXT PRIMARY KEY, object TEXT NOT NULL, system_modstamp TEXT NOT NULL);
            CREATE INDEX child_versions_object ON child_versions (object, system_modstamp);
            """),
        (6, """
            ALTER TABLE tracked_cases ADD COLUMN dirty INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE tracked_cases ADD COLUMN next_at TEXT;
            ALTER TABLE tracked_cases ADD COLUMN judged_owner TEXT;
            """),
        (7, """
            ALTER TABLE alerts ADD COLUMN severity TEXT;
            ALTER TABLE alerts ADD COLUMN due_at TEXT;
            ALTER TABLE alerts ADD COLUMN line TEXT;
            ALTER TABLE alerts ADD COLUMN not_before TEXT;
            ALTER TABLE alerts ADD COLUMN case_number TEXT;
            ALTER TABLE alerts ADD COLUMN subject TEXT;
            ALTER TABLE findings ADD COLUMN acknowledged_at TEXT;
            ALTER TABLE findings ADD COLUMN acknowledged_by TEXT;
            ALTER TABLE findings ADD COLUMN snoozed_until TEXT;
            """),
        (8, """
            CREATE TABLE known_posts (reference TEXT PRIMARY KEY, feed_element_id TEXT NOT NULL, case_id TEXT, posted_at TEXT NOT NULL);
            ALTER TABLE alerts ADD COLUMN claimed_by TEXT;
            ALTER TABLE runs ADD COLUMN instance TEXT;
            ALTER TABLE runs ADD COLUMN fire_id TEXT;
            """),
        (9, """
            INSERT INTO watermarks (object, system_modstamp, updated_at)
            SELECT 'FirstStart', first_seen, first_seen FROM findings ORDER BY first_seen LIMIT 1;
            """),
        (10, """
            ALTER TABLE tracked_cases ADD COLUMN facts INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE tracked_cases ADD COLUMN case_number TEXT;
            ALTER TABLE tracked_cases ADD COLUMN owner_id TEXT;
            ALTER TABLE tracked_cases ADD COLUMN account_id TEXT;
            ALTER TABLE tracked_cases ADD COLUMN order_number TEXT;
            ALTER TABLE tracked_cases ADD COLUMN category TEXT;
            ALTER TABLE tracked_cases ADD COLUMN open_pack TEXT;
            ALTER TABLE tracked_cases ADD COLUMN open_created TEXT;
            ALTER TABLE tracked_cases ADD COLUMN key_account INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE tracked_cases ADD COLUMN owner_history INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX findings_case ON findings (case_id);
            """),
        (11, """
            CREATE TABLE judged_under (scope TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, at TEXT NOT NULL);
            CREATE INDEX alerts_case ON alerts (case_id);
            """),
        (12, """
            ALTER TABLE findings DROP COLUMN message;
            """),
        (13, """
            CREATE INDEX alerts_sent ON alerts (sent_at) WHERE sent_at IS NOT NULL;
            """),
        (14, """
            ALTER TABLE findings ADD COLUMN settled INTEGER NOT NULL DEFAULT 0;
            """),
        // GAR instants written without a UTC offset were read as UTC before this version: the answers stored so are dropped,
        // and the next GAR run reads them again (GSO-05 waits for it).
        (15, """
            DELETE FROM gar_answers;
            """),
        // A breach told resolved and come back is a new instance of it: its alerts from this sequence on are the instance's.
        (16, """
            ALTER TABLE findings ADD COLUMN since_sequence INTEGER NOT NULL DEFAULT 0;
            """),
        // The Salesforce record a case was stored with, in a table of its own: what a sweep reads of every tracked case (its
        // index, the earliest next instant, the cases no longer tracked) and writes back for each case it judged no longer
        // reads past or copies 1-2 KB of JSON per case; the record is read for the cases a sweep judges.
        (17, """
            CREATE TABLE case_records (id TEXT PRIMARY KEY, system_modstamp TEXT NOT NULL, record TEXT NOT NULL);
            INSERT INTO case_records (id, system_modstamp, record) SELECT id, system_modstamp, record FROM tracked_cases;
            ALTER TABLE tracked_cases DROP COLUMN record;
            """),
        // The last run that gave each kept GAR answer again: an answer holds from when it was set until it was last seen, and
        // says nothing of the order after that (a case about the same order weeks later is not judged on it).
        // Answers kept before this version held until the next one was seen, as they were read then.
        (18, """
            ALTER TABLE gar_answers ADD COLUMN confirmed_at TEXT;
            UPDATE gar_answers SET confirmed_at = (SELECT MIN(n.seen_at) FROM gar_answers n WHERE n.order_number = gar_answers.order_number AND n.seq > gar_answers.seq);
            """),
    ];

    public static int Latest => Migrations[^1].Version;
}
