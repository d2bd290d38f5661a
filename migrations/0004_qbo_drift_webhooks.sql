CREATE TABLE `qbo_webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`qb_entity` text NOT NULL,
	`qb_id` text NOT NULL,
	`operation` text NOT NULL,
	`changed_at` text NOT NULL,
	`format` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qbo_webhook_events_change_idx` ON `qbo_webhook_events` (`company_id`,`qb_entity`,`qb_id`,`operation`,`changed_at`);--> statement-breakpoint
CREATE INDEX `qbo_webhook_events_company_idx` ON `qbo_webhook_events` (`company_id`,`id`);