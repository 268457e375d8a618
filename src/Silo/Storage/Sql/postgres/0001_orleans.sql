-- Orleans ADO.NET clustering, grain storage and reminders on PostgreSQL (invariant Npgsql). The providers read their
-- SQL from OrleansQuery by key and bind parameters by name (@DeploymentId …); these texts are ours. Each query is one
-- statement: data-modifying CTEs give the all-or-nothing the membership protocol needs without stored functions, and
-- a row lock on the version row (FOR UPDATE) makes concurrent writers of the membership table take turns.
-- Parameters that may be NULL are cast where they are only compared with NULL, since PostgreSQL cannot infer a type
-- for an untyped NULL there.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- Membership ---------------------------------------------------------------------------------------------------------

-- One row per cluster (DeploymentId = ClusterId): the table version every membership change bumps (the ETag the
-- protocol's optimistic concurrency compares).
CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation). SuspectTimes is the provider's own text
-- ("silo,time|silo,time").
CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150)  NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)   NOT NULL,
    Port         integer       NOT NULL,
    Generation   integer       NOT NULL,
    SiloName     varchar(150)  NOT NULL,
    HostName     varchar(150)  NOT NULL,
    Status       integer       NOT NULL,
    ProxyPort    integer       NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime    timestamptz   NOT NULL,
    IAmAliveTime timestamptz   NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Heartbeat: no version bump (the protocol does not need one, and it would make every write conflict).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
');

-- One boolean: whether this call created the cluster's version row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created);
');

-- Inserts the silo's row and bumps the table version, both only if the version is still @Version; one boolean. The
-- version row is locked first, so a concurrent writer with the same ETag waits, then finds the version moved on.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
WITH expected AS (
    SELECT DeploymentId FROM OrleansMembershipVersionTable
    WHERE DeploymentId = @DeploymentId AND Version = @Version
    FOR UPDATE),
inserted AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM expected
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING
    RETURNING DeploymentId),
bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId IN (SELECT DeploymentId FROM inserted)
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM bumped);
');

-- Updates the silo's status, suspicions and heartbeat and bumps the table version, only at @Version; one boolean.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
WITH expected AS (
    SELECT DeploymentId FROM OrleansMembershipVersionTable
    WHERE DeploymentId = @DeploymentId AND Version = @Version
    FOR UPDATE),
updated AS (
    UPDATE OrleansMembershipTable AS m
    SET Status = @Status, SuspectTimes = CAST(@SuspectTimes AS varchar), IAmAliveTime = @IAmAliveTime
    FROM expected
    WHERE m.DeploymentId = expected.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING m.DeploymentId),
bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId IN (SELECT DeploymentId FROM updated)
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM bumped);
');

-- Every read returns the version row (LEFT JOIN), so the provider always learns the table version; a row without a
-- StartTime means "no such silo".
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
       m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
       m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
');

-- Gateways clients may use: active silos that listen for clients (@Status is Active).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
');

-- Rows of dead silos (status 6) not heard from since @IAmAliveTime.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status = 6;
');

-- Grain storage -----------------------------------------------------------------------------------------------------

-- One row per (service, grain type, grain id); the extension key is an empty string when the grain has none, so the natural key
-- is a plain unique index that ON CONFLICT can name. The 32-bit hashes lead the index to keep it narrow.
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    PayloadBinary          bytea        NULL,
    Version                integer      NOT NULL,
    ModifiedOn             timestamptz  NOT NULL
);

CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString);

-- PayloadBinary and Version by name; a cleared state keeps its row (payload NULL) so its version keeps counting.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '''');
');

-- Optimistic concurrency in one statement: without an ETag (@GrainStateVersion NULL) only a first insert (version 1)
-- succeeds; with one, only the row still at that version is bumped (the EXISTS guard keeps a write with an ETag from
-- resurrecting a row that is gone). One row: the new version, or NULL when nothing changed (the provider raises
-- InconsistentStateException).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
WITH written AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
         PayloadBinary, Version, ModifiedOn)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(CAST(@GrainIdExtensionString AS varchar), ''''), CAST(@PayloadBinary AS bytea), 1, now()
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
       OR EXISTS (SELECT 1 FROM OrleansStorage
                  WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
                    AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
                    AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
                    AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), ''''))
    ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
    DO UPDATE SET PayloadBinary = excluded.PayloadBinary,
                  Version = OrleansStorage.Version + 1,
                  ModifiedOn = excluded.ModifiedOn
       WHERE OrleansStorage.Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version)
SELECT (SELECT Version FROM written) AS NewGrainStateVersion;
');

-- Clearing keeps the row and bumps its version (see ReadFromStorageKey); the provider reads column 0.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
WITH cleared AS (
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '''')
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version)
SELECT (SELECT Version FROM cleared) AS NewGrainStateVersion;
');

-- Used instead of ClearStorageKey when a provider sets DeleteStateOnClear: the row goes away entirely.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
WITH deleted AS (
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '''')
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version)
SELECT (SELECT Version + 1 FROM deleted) AS NewGrainStateVersion;
');

-- Reminders ---------------------------------------------------------------------------------------------------------

-- GrainHash is the grain's uniform hash as a signed 32-bit int, as the provider binds it; range reads compare in that
-- signed order. Period is in milliseconds (bigint: a period may exceed 24 days).
CREATE TABLE OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IX_OrleansRemindersTable_Hash ON OrleansRemindersTable (ServiceId, GrainHash);

-- Every read returns GrainId, ReminderName, StartTime, Period, Version, read by name.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
');

-- The ring range (BeginHash, EndHash] when it does not wrap in signed order ...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
');

-- ... and when it does (BeginHash >= EndHash), which also covers the whole ring when they are equal.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
');

-- Returns the row's new Version (the reminder's ETag).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName)
DO UPDATE SET StartTime = excluded.StartTime,
              Period = excluded.Period,
              GrainHash = excluded.GrainHash,
              Version = OrleansRemindersTable.Version + 1
RETURNING Version;
');

-- Deletes only at the caller's ETag; one boolean: whether a row went.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted);
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
');
