-- Qualification answers (the ranked offers' JSON, 12 KB on average in `bench directory`) are compressed with lz4
-- rather than pglz when stored: pglz took about 50 µs more of PostgreSQL's CPU per answer, and each qualification of
-- an address never seen stores one. Rows stored before stay as they are. A server built without lz4 keeps pglz.
DO $$
BEGIN
  ALTER TABLE "qualification_answers" ALTER COLUMN "offers" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'this PostgreSQL server has no lz4: qualification answers stay compressed with pglz';
END
$$;
