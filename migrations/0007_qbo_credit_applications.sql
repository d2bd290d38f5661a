CREATE TABLE `qbo_credit_applications` (
	`company_id` text NOT NULL,
	`memo_source_id` text NOT NULL,
	`payment_qb_id` text NOT NULL,
	`sync_token` text,
	`signature` text NOT NULL,
	`memo_version` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`company_id`, `memo_source_id`)
);
