DROP TABLE `score_folds`;--> statement-breakpoint
-- Score rows now count the answers of revealed rounds only: recompute them that way.
DELETE FROM `scores`;--> statement-breakpoint
INSERT INTO `scores` (`group_id`, `period`, `topic`, `member_id`, `points`, `answered`, `correct`, `best_streak`)
SELECT `group_id`, `period`, `topic`, `member_id`, sum(`points`), count(*), sum(`correct`), max(`streak`) FROM (
  SELECT a.`group_id`, 'all' AS `period`, '*' AS `topic`, a.`member_id`, a.`points`, a.`correct`, a.`streak` FROM `answers` a JOIN `rounds` r ON r.`id` = a.`round_id` WHERE r.`revealed_at` IS NOT NULL
  UNION ALL SELECT a.`group_id`, 'all', a.`topic`, a.`member_id`, a.`points`, a.`correct`, a.`streak` FROM `answers` a JOIN `rounds` r ON r.`id` = a.`round_id` WHERE r.`revealed_at` IS NOT NULL
  UNION ALL SELECT a.`group_id`, 'w:' || a.`week_key`, '*', a.`member_id`, a.`points`, a.`correct`, a.`streak` FROM `answers` a JOIN `rounds` r ON r.`id` = a.`round_id` WHERE r.`revealed_at` IS NOT NULL
  UNION ALL SELECT a.`group_id`, 'w:' || a.`week_key`, a.`topic`, a.`member_id`, a.`points`, a.`correct`, a.`streak` FROM `answers` a JOIN `rounds` r ON r.`id` = a.`round_id` WHERE r.`revealed_at` IS NOT NULL
  UNION ALL SELECT a.`group_id`, 'm:' || a.`month_key`, '*', a.`member_id`, a.`points`, a.`correct`, a.`streak` FROM `answers` a JOIN `rounds` r ON r.`id` = a.`round_id` WHERE r.`revealed_at` IS NOT NULL
  UNION ALL SELECT a.`group_id`, 'm:' || a.`month_key`, a.`topic`, a.`member_id`, a.`points`, a.`correct`, a.`streak` FROM `answers` a JOIN `rounds` r ON r.`id` = a.`round_id` WHERE r.`revealed_at` IS NOT NULL
) GROUP BY `group_id`, `period`, `topic`, `member_id`;
