CREATE TABLE `qbo_connections` (
	`company_id` text PRIMARY KEY NOT NULL,
	`realm_id` text NOT NULL,
	`environment` text NOT NULL,
	`status` text NOT NULL,
	`status_message` text,
	`access_token_enc` text,
	`refresh_token_enc` text,
	`access_expires_at` integer DEFAULT 0 NOT NULL,
	`refresh_expires_at` integer DEFAULT 0 NOT NULL,
	`token_version` integer DEFAULT 0 NOT NULL,
	`refresh_lease_until` integer DEFAULT 0 NOT NULL,
	`refresh_lease_token` text,
	`sync_lease_until` integer DEFAULT 0 NOT NULL,
	`sync_lease_token` text,
	`last_sync_started_at` integer DEFAULT 0 NOT NULL,
	`last_sync_finished_at` text,
	`last_sync_summary` text,
	`cdc_since` text,
	`connected_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qbo_connections_realm_idx` ON `qbo_connections` (`realm_id`);--> statement-breakpoint
CREATE TABLE `qbo_drift` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`qb_entity` text NOT NULL,
	`qb_id` text NOT NULL,
	`qb_sync_token` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`diff` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolution` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qbo_drift_change_idx` ON `qbo_drift` (`company_id`,`qb_entity`,`qb_id`,`qb_sync_token`);--> statement-breakpoint
CREATE INDEX `qbo_drift_company_idx` ON `qbo_drift` (`company_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `qbo_oauth_states` (
	`nonce` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` text
);
--> statement-breakpoint
CREATE TABLE `qbo_request_jobs` (
	`company_id` text NOT NULL,
	`job_id` integer NOT NULL,
	`request_id` text NOT NULL,
	`b_id` text,
	PRIMARY KEY(`company_id`, `job_id`)
);
--> statement-breakpoint
CREATE INDEX `qbo_request_jobs_req_idx` ON `qbo_request_jobs` (`company_id`,`request_id`);--> statement-breakpoint
CREATE TABLE `qbo_requests` (
	`company_id` text NOT NULL,
	`request_id` text NOT NULL,
	`path` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `request_id`)
);
--> statement-breakpoint
CREATE TABLE `qbo_usage` (
	`company_id` text NOT NULL,
	`month` text NOT NULL,
	`reads` integer DEFAULT 0 NOT NULL,
	`writes` integer DEFAULT 0 NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`throttled` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `month`)
);
