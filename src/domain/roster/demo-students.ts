import type { AidKind, StudentCategory } from '../../db/schema/students.js';
import type { StudentRow } from '../students/student-row.js';
import { buildDemoCounty } from './demo-county.js';

// Surnames and given names the demo staff never have, so a demo child is never a teacher's namesake.
const SURNAMES = ['蒋', '沈', '柳', '江', '苏', '彭', '曹', '袁', '邓', '许', '傅', '曾', '程', '蔡', '潘', '欧阳'];
const GIVEN = ['小鹿', '一鸣', '星', '雨辰', '可欣', '子墨', '安然', '沐阳', '若溪', '浩然', '梓涵', '乐乐'];
const GRADES = ['一', '二', '三', '四', '五', '六'];

/** Each school's students: the register's categories and aid, varied by school so demo numbers are not uniform. */
const PER_SCHOOL: { categories: StudentCategory[]; aid: AidKind[]; mentored: boolean }[] = [
  { categories: ['留守儿童'], aid: ['营养餐'], mentored: true },
  { categories: ['脱贫家庭'], aid: ['生活补助', '营养餐'], mentored: true },
  { categories: ['防返贫监测户', '单亲'], aid: ['生活补助'], mentored: true },
  { categories: ['残疾儿童'], aid: ['助学金'], mentored: true },
  { categories: ['困境儿童'], aid: [], mentored: false },
  { categories: [], aid: [], mentored: false },
];

/**
 * The demo county's children (fake names; classes marked 示例): six per school, numbered by the
 * school from 2026001, four of them mentored by the school's first teacher — enough to try a
 * visit, a lookup and the register in the walkthrough.
 */
export function buildDemoStudents(): StudentRow[] {
  const roster = buildDemoCounty();
  const schools = [...new Map(roster.filter((r) => r.role === 'teacher').map((r) => [`${r.town}/${r.school}`, r])).values()];
  let k = 0;
  return schools.flatMap((teacher, s) =>
    PER_SCHOOL.map((kind, i) => {
      const n = k++;
      return {
        line: n + 2,
        town: teacher.town,
        school: teacher.school!,
        className: `${GRADES[(s + i) % GRADES.length]}年级${(i % 3) + 1}班(示例)`,
        name: SURNAMES[n % SURNAMES.length]! + GIVEN[(n * 5 + s) % GIVEN.length]!,
        studentNo: String(2026001 + i),
        categories: kind.categories,
        aid: kind.aid,
        mentorOpenId: kind.mentored ? teacher.openId : null,
      };
    }),
  );
}
