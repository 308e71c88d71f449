import { existsSync, readFileSync } from 'node:fs';
import { getPolicy, parsePolicy, presetIds, type Policy } from '../../shared';

/** POLICY is a preset id (`statutory`, `east-herts`, `erewash`) or the path of a council's own JSON file. */
export function loadPolicy(setting: string): Policy {
  if ((presetIds as string[]).includes(setting)) return getPolicy(setting);
  if (!existsSync(setting))
    throw new Error(
      `POLICY "${setting}" is neither a preset (${presetIds.join(', ')}) nor a file that exists.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(setting, 'utf8'));
  } catch (err) {
    throw new Error(`POLICY file ${setting} is not valid JSON: ${(err as Error).message}`);
  }
  return parsePolicy(json, `file ${setting}`); // a PolicyError lists every problem by its path
}
