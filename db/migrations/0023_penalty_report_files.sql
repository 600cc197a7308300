CREATE TABLE `penalty_report_files` (
	`month` text NOT NULL,
	`partner_id` text NOT NULL,
	`chunk_no` integer NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`month`, `partner_id`, `chunk_no`)
);
