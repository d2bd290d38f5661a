CREATE TABLE `extension_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` text NOT NULL,
	`credential_id` text NOT NULL,
	`actor` text NOT NULL,
	`qb_entity` text NOT NULL,
	`qb_id` text NOT NULL,
	`kind` text,
	`source_id` text,
	`doc_number` text,
	`action` text NOT NULL,
	`via` text NOT NULL,
	`page_path` text,
	`occurred_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `extension_overrides_company_idx` ON `extension_overrides` (`company_id`,`id`);