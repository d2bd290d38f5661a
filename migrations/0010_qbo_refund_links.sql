CREATE TABLE `qbo_refund_links` (
	`company_id` text NOT NULL,
	`refund_source_id` text NOT NULL,
	`of_kind` text NOT NULL,
	`of_source_id` text NOT NULL,
	`je_qb_id` text NOT NULL,
	`link_qb_id` text NOT NULL,
	`sync_token` text,
	`amount` integer NOT NULL,
	`signature` text NOT NULL,
	`refund_version` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `refund_source_id`)
);
--> statement-breakpoint
CREATE INDEX `qbo_refund_links_link` ON `qbo_refund_links` (`company_id`,`link_qb_id`);--> statement-breakpoint
CREATE INDEX `qbo_refund_links_of` ON `qbo_refund_links` (`company_id`,`of_kind`,`of_source_id`);