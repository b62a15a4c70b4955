import { describe, expect, it } from 'vitest';
import { hasMarkup } from '../../src/model/plain-name.js';

describe('hasMarkup: what the roster and campaign loaders refuse in a name', () => {
  it.each(['<at id=all></at>小学', '齐镇>', '[点我](http://evil.example/s)', '[点我] (x)', '见 http://evil.example', 'HTTPS://x.cn 小学', 'www.evil.example 小学'])('refuses %j', (name) => {
    expect(hasMarkup(name)).toBe(true);
  });

  it.each(['首善街道中心小学(示例)', '横渠镇第二小学【分校】', '张[国]敏', 'A&B 学校', '王*明'])('accepts %j (escaped where shown)', (name) => {
    expect(hasMarkup(name)).toBe(false);
  });
});
