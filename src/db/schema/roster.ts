import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

export const towns = pgTable('towns', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
});

/** How a school's teachers are reminded on the deadline morning (`提醒方式 群|私聊|都`): in the school chat, 1:1, or both. */
export const reminderModes = ['group', 'direct', 'both'] as const;
export type ReminderMode = (typeof reminderModes)[number];

export const groupRoles = ['core', 'member', 'weak'] as const;
export type GroupRole = (typeof groupRoles)[number];

export const schools = pgTable(
  'schools',
  {
    id: serial('id').primaryKey(),
    townId: integer('town_id')
      .notNull()
      .references(() => towns.id),
    name: text('name').notNull(),
    educationGroup: text('education_group'),
    /** The school's part in its education group (集团化办学): 核心校, 成员校 or 薄弱校. */
    groupRole: text('group_role', { enum: groupRoles }),
    /**
     * The school's group chat with the bot: prompts go here, once per round. Null until someone
     * binds a chat (the bot added to a group, the principal or admin confirms) or the roster names one.
     */
    chatId: text('chat_id').unique(),
    /** When the bot was removed from that chat: until it is bound again, the school's messages go to its principal 1:1. */
    botRemovedAt: instant('bot_removed_at'),
    reminderMode: text('reminder_mode', { enum: reminderModes }).notNull().default('group'),
  },
  (t) => [
    uniqueIndex('schools_town_name_key').on(t.townId, t.name),
    // `汇总 学校名` finds a school by its name alone, which the (town, name) key cannot serve.
    index('schools_name_idx').on(t.name),
    check('schools_group_role_check', sql`${t.groupRole} in ('core', 'member', 'weak')`),
    check('schools_reminder_mode_check', sql`${t.reminderMode} in ('group', 'direct', 'both')`),
    // `汇总 首善教育集团` finds a group's schools.
    index('schools_education_group_idx').on(t.educationGroup).where(sql`${t.educationGroup} is not null`),
  ],
);

export const roles = ['teacher', 'principal', 'bureau', 'admin'] as const;
export type Role = (typeof roles)[number];

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    openId: text('open_id').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    schoolId: integer('school_id').references(() => schools.id),
    /** The group chat this person works in with the bot (school chat or bureau chat). */
    chatId: text('chat_id'),
    active: boolean('active').notNull().default(true),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    check('people_role_check', sql`${t.role} in ('teacher', 'principal', 'bureau', 'admin')`),
    check(
      'people_school_staff_have_school',
      sql`(${t.role} in ('teacher', 'principal')) = (${t.schoolId} is not null)`,
    ),
    index('people_school_idx').on(t.schoolId),
  ],
);
