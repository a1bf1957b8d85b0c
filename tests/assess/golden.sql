-- A small city whose assessment was computed by hand (see test_assess.c).
-- Counties: A (6 grassroots associations), B and E (identical, 3 each),
-- D (no lectures, no instructors reported).
INSERT INTO units(code, name, level, parent, county, _import, _line) VALUES
 ('C',   '测试市', 1, NULL, NULL, 0, 1),
 ('A',   '甲县', 2, 'C', 'A', 0, 2),
 ('A1',  '甲一镇', 3, 'A', 'A', 0, 3), ('A2', '甲二镇', 3, 'A', 'A', 0, 4),
 ('A1a', '甲一村', 4, 'A1', 'A', 0, 5), ('A1b', '甲二村', 4, 'A1', 'A', 0, 6),
 ('A2a', '甲三村', 4, 'A2', 'A', 0, 7), ('A2b', '甲四村', 4, 'A2', 'A', 0, 8),
 ('B',   '乙县', 2, 'C', 'B', 0, 9),
 ('B1',  '乙一镇', 3, 'B', 'B', 0, 10),
 ('B1a', '乙一村', 4, 'B1', 'B', 0, 11), ('B1b', '乙二村', 4, 'B1', 'B', 0, 12),
 ('D',   '丁县', 2, 'C', 'D', 0, 13),
 ('D1',  '丁一镇', 3, 'D', 'D', 0, 14),
 ('D1a', '丁一村', 4, 'D1', 'D', 0, 15),
 ('E',   '戊县', 2, 'C', 'E', 0, 16),
 ('E1',  '戊一镇', 3, 'E', 'E', 0, 17),
 ('E1a', '戊一村', 4, 'E1', 'E', 0, 18), ('E1b', '戊二村', 4, 'E1', 'E', 0, 19);

-- A: 4 of 6 held a lecture in 2023 (A2a's is from 2022 and does not count).
INSERT INTO health_lectures(unit, date, title, participants, _import, _line) VALUES
 ('A1', '2023-03-01', '讲堂', 30, 0, 1), ('A1a', '2023-04-01', '讲堂', 20, 0, 2),
 ('A1b', '2023-05-01', '讲堂', 25, 0, 3), ('A2', '2023-06-01', '讲堂', 40, 0, 4),
 ('A2a', '2022-06-01', '讲堂', 10, 0, 5),
 ('B1', '2023-03-01', '讲堂', 30, 0, 6), ('B1a', '2023-03-02', '讲堂', 30, 0, 7),
 ('B1b', '2023-03-03', '讲堂', 30, 0, 8),
 ('E1', '2023-03-01', '讲堂', 30, 0, 9), ('E1a', '2023-03-02', '讲堂', 30, 0, 10),
 ('E1b', '2023-03-03', '讲堂', 30, 0, 11);

-- A: 2 of 4 villages have 2 or more (A2b reported nothing) = 50%.
INSERT INTO health_instructors(unit, year, instructors, _import, _line) VALUES
 ('A1a', 2023, 2, 0, 1), ('A1b', 2023, 3, 0, 2), ('A2a', 2023, 1, 0, 3),
 ('B1a', 2023, 2, 0, 4), ('B1b', 2023, 2, 0, 5),
 ('E1a', 2023, 2, 0, 6), ('E1b', 2023, 2, 0, 7);

-- Only the plan's kinds count: a 家庭健康服务中心 from 申报 on, a 流动人口健康促进
-- project from 立项 on.  A: 项目一 and 项目二 count, 项目三 (申报 only) and
-- 项目五 (其他) do not → 2.  D: 项目四 → 1.
INSERT INTO health_projects(unit, name, kind, status, _import, _line) VALUES
 ('A', '项目一', '家庭健康服务中心', '申报', 0, 1), ('A1', '项目二', '流动人口健康促进', '建成', 0, 2),
 ('A2', '项目三', '流动人口健康促进', '申报', 0, 3), ('A2', '项目五', '其他', '建成', 0, 5),
 ('D', '项目四', '家庭健康服务中心', '立项', 0, 4);

-- The assessors' scores of health_campaigns (manual, 2 points).  A was scored
-- 1 and then corrected to 1.5: the latest counts.  D has no score: 未评分.
INSERT INTO manual_scores(unit, year, area, item, source, points, assessor, reason, evidence,
                          scored_at, file, line) VALUES
 ('A', 2023, 'health_promotion', 'health_campaigns', 'assessor', 1, '王敏', '只参与了好家风健康行',
  NULL, '2024-01-10T08:00:00Z', 'scores.csv', 2),
 ('A', 2023, 'health_promotion', 'health_campaigns', 'self', 2, NULL, '两项都已开展', NULL,
  '2024-01-09T08:00:00Z', 'self.csv', 2),
 ('A', 2023, 'health_promotion', 'health_campaigns', 'assessor', 1.5, '王敏',
  '补交了新市民健康行动材料', '台账第3册', '2024-01-12T08:00:00Z', 'scores2.csv', 2),
 ('B', 2023, 'health_promotion', 'health_campaigns', 'assessor', 2, '李建国', '', NULL,
  '2024-01-10T08:00:00Z', 'scores.csv', 3),
 ('E', 2023, 'health_promotion', 'health_campaigns', 'assessor', 2, '李建国', '', NULL,
  '2024-01-10T08:00:00Z', 'scores.csv', 4);
