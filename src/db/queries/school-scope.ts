import { eq, inArray, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { schools } from '../schema/index.js';

/**
 * Which schools a report reads: all (nothing set), one town's, one education group's, or one
 * school. Every summary query narrows by it the same way (schoolIn).
 */
export type SchoolScope = { townId?: number; schoolId?: number; group?: string };

/** `column` (a school id) within the scope, or undefined for every school. */
export function schoolIn(db: Db, column: Column, scope: SchoolScope): SQL | undefined {
  if (scope.schoolId !== undefined) return eq(column, scope.schoolId);
  if (scope.townId !== undefined) return inArray(column, db.select({ id: schools.id }).from(schools).where(eq(schools.townId, scope.townId)));
  if (scope.group !== undefined) return inArray(column, db.select({ id: schools.id }).from(schools).where(eq(schools.educationGroup, scope.group)));
  return undefined;
}

/** The scope is narrower than everywhere. */
export const isNarrowed = (scope: SchoolScope): boolean => scope.schoolId !== undefined || scope.townId !== undefined || scope.group !== undefined;
