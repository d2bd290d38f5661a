CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`accounting_system` text NOT NULL,
	`closing_date` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`open_in_sharper_url_template` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`role` text,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_token_hash_unique` ON `credentials` (`token_hash`);--> statement-breakpoint
CREATE INDEX `credentials_company_idx` ON `credentials` (`company_id`);--> statement-breakpoint
CREATE TABLE `id_map` (
	`company_id` text NOT NULL,
	`target` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`qb_id` text NOT NULL,
	`qb_lock` text,
	`synced_version` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `target`, `kind`, `source_id`)
);
--> statement-breakpoint
CREATE TABLE `job_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` integer NOT NULL,
	`company_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`outcome` text NOT NULL,
	`code` text,
	`message` text,
	`request_excerpt` text,
	`response_excerpt` text
);
--> statement-breakpoint
CREATE INDEX `job_attempts_job_idx` ON `job_attempts` (`job_id`);--> statement-breakpoint
CREATE TABLE `job_dependencies` (
	`job_id` integer NOT NULL,
	`company_id` text NOT NULL,
	`target` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_deps_job_idx` ON `job_dependencies` (`job_id`);--> statement-breakpoint
CREATE INDEX `job_deps_dep_idx` ON `job_dependencies` (`company_id`,`target`,`kind`,`source_id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`target` text NOT NULL,
	`job_type` text NOT NULL,
	`record_kind` text NOT NULL,
	`source_id` text NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`state` text NOT NULL,
	`rank` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`run_after` integer DEFAULT 0 NOT NULL,
	`lease_until` integer,
	`claim_token` text,
	`in_doubt` integer DEFAULT false NOT NULL,
	`retryable` integer DEFAULT false NOT NULL,
	`last_code` text,
	`last_message` text,
	`doc_number` text,
	`txn_date` text,
	`display_name` text,
	`qb_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`synced_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_dedupe_idx` ON `jobs` (`company_id`,`target`,`record_kind`,`source_id`,`version`);--> statement-breakpoint
CREATE INDEX `jobs_claim_idx` ON `jobs` (`company_id`,`target`,`state`,`rank`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_log_idx` ON `jobs` (`company_id`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_state_idx` ON `jobs` (`state`,`lease_until`);--> statement-breakpoint
CREATE TABLE `record_versions` (
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`content_hash` text NOT NULL,
	`data` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `kind`, `source_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `records` (
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`content_hash` text NOT NULL,
	`data` text NOT NULL,
	`doc_number` text,
	`txn_date` text,
	`active` integer NOT NULL,
	`display_name` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `kind`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `records_doc_idx` ON `records` (`company_id`,`doc_number`);