ALTER TABLE `qbo_connections` ADD `refresh_hard_expires_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `qbo_connections` ADD `country` text;--> statement-breakpoint
ALTER TABLE `qbo_connections` ADD `tax_mode` text;--> statement-breakpoint
ALTER TABLE `qbo_connections` ADD `prefs_read_at` text;