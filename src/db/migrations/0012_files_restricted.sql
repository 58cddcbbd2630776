ALTER TABLE "files" ADD COLUMN "restricted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- ID proofs stored before this migration are personal data too.
UPDATE "files" SET "restricted" = true WHERE "public_at" IS NULL AND "id" IN (SELECT "id_proof_file_id" FROM "foi_applications" WHERE "id_proof_file_id" IS NOT NULL);
