import { describe, expect, it } from 'vitest';
import { containsNationalId, isNationalIdHeader, redactNationalIds } from '../../src/domain/students/national-id.js';

// Made-up numbers in the ID's shape: a check character is not needed to be refused.
const ID = '610323201203150417';

describe('containsNationalId', () => {
  it.each([
    ['a bare ID', ID],
    ['one ending in X or x', '61032320120315041X'],
    ['a 学籍号 (G + ID)', `G${ID}`],
    ['an L- or J-prefixed 学籍号', `L${ID.slice(0, 17)}x`],
    ['an ID inside other text', `学生身份证${ID}，已核实`],
    ['full-width digits', '６１０３２３２０１２０３１５０４１７'],
    ['groups split by spaces', '610323 20120315 0417'],
    ['groups split by dashes', '610323-20120315-0417'],
    ['an ID with a wrong check character', '610323201203150410'],
  ])('finds %s', (_what, text) => {
    expect(containsNationalId(text)).toBe(true);
  });

  it.each([
    ['a school-local number', '2024031'],
    ['a mobile number', '13812345678'],
    ['17 digits', ID.slice(0, 17)],
    ['a longer run of digits (a bank card)', `62${ID}`],
    ['19 digits ending in X', `${ID}X`],
    ['a date and a count', '2026-12-01 走访5户'],
    ['an empty cell', ''],
  ])('leaves %s', (_what, text) => {
    expect(containsNationalId(text)).toBe(false);
  });
});

describe('redactNationalIds', () => {
  it('replaces every ID-shaped run and keeps the rest, full-width punctuation included', () => {
    expect(redactNationalIds(`身份证：${ID}；学籍号：G${ID}。`, '[已删除]')).toBe('身份证：[已删除]；学籍号：G[已删除]。');
  });
});

describe('isNationalIdHeader', () => {
  it.each(['身份证', '身份证号', '学生身份证号码', '证件号', '证件号码', '学籍号', '学籍', '全国学籍号', 'id_number', 'ID No.', 'id-no', 'National ID', 'national_id', 'IDCard', 'id card', 'ｉｄ＿ｎｕｍｂｅｒ', 'SFZH', 'xjh'])(
    'refuses %s',
    (header) => {
      expect(isNationalIdHeader(header)).toBe(true);
    },
  );

  it.each(['student_no', '校内编号', '姓名', 'mentor_open_id', '帮扶教师open_id', 'paid_note', 'aid', 'id', 'identity', ''])('allows %s', (header) => {
    expect(isNationalIdHeader(header)).toBe(false);
  });
});
