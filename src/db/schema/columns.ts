import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is a timestamptz read back as a Date; values come from the app's clock. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
