CREATE TABLE `qbd_recon_requests` (
	`company_id` text NOT NULL,
	`as_of` text NOT NULL,
	`year_start` text NOT NULL,
	`state` text NOT NULL,
	`requested_at` text NOT NULL,
	`sent_at` text,
	`sent_ticket` text,
	`fetched_at` text,
	`read_requests` integer DEFAULT 0 NOT NULL,
	`snapshot` text,
	`error` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `as_of`)
);
--> statement-breakpoint
CREATE INDEX `qbd_recon_requests_state_idx` ON `qbd_recon_requests` (`company_id`,`state`);