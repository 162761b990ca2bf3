import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ZConfig } from './env';

it('.env.example documents exactly the variables the config schema reads, each with a comment', () => {
  const lines = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8').split('\n');
  const keys = lines.flatMap((line, i) => {
    const match = /^([A-Z][A-Z0-9_]*)=/.exec(line);
    if (!match) return [];
    expect({ key: match[1], commented: lines[i - 1]?.startsWith('#') }).toEqual({
      key: match[1],
      commented: true,
    });
    return [match[1]];
  });
  expect(keys.sort()).toEqual(Object.keys(ZConfig.shape).sort());
});
