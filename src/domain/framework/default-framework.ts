import type { Db } from '../../db/database.js';
import { hasAnyFramework } from '../../db/queries/frameworks.js';
import { parseFrameworkFile, type FrameworkDefinition } from '../../model/framework-definition.js';
import defaultFrameworkFile from './default-framework.json' with { type: 'json' };
import { loadFramework } from './load-framework.js';

/**
 * The seed's standard (《2023年乡村振兴示范校建设评价标准》: 8 大项, 29 子项, 100 分) as an example:
 * the item names are the seed's, the sub-items are ours. The bureau loads its own with
 * `framework load FILE`; this file is also the template for writing one.
 */
export function defaultFramework(): FrameworkDefinition {
  const parsed = parseFrameworkFile(defaultFrameworkFile);
  if (!parsed.ok) throw new Error(`default-framework.json is invalid: ${parsed.problems.join('; ')}`);
  return parsed.framework;
}

/** At every start: the example is stored and put in force only while no framework exists at all. */
export async function ensureDefaultFramework(db: Db, now: Date): Promise<boolean> {
  if (await hasAnyFramework(db)) return false;
  const result = await loadFramework(db, defaultFramework(), now);
  return result.status === 'loaded';
}
