-- The desk's values for a partner's per-order fields (adapter.customFields.orderDefaults), JSON; null: none.
ALTER TABLE `orders` ADD `carrier_fields` text;
