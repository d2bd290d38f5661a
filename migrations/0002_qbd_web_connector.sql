CREATE TABLE `qbd_connections` (
	`company_id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`file_id` text NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`bound_file_path` text,
	`bound_company_name` text,
	`bound_at` text,
	`last_session_at` text,
	`last_result` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qbd_connections_username_unique` ON `qbd_connections` (`username`);--> statement-breakpoint
CREATE TABLE `qbd_sessions` (
	`ticket` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`state` text NOT NULL,
	`awaiting` text DEFAULT 'send' NOT NULL,
	`expires_at` integer NOT NULL,
	`qbxml_version` text,
	`company_file` text,
	`country` text,
	`last_error` text,
	`work_done` integer DEFAULT 0 NOT NULL,
	`round_trips` integer DEFAULT 0 NOT NULL,
	`inflight` text DEFAULT '{"jobs":{},"sent":[],"carry":[]}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `qbd_sessions_company_idx` ON `qbd_sessions` (`company_id`,`state`);