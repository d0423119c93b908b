import { parseGoDuration } from '../goDuration';

// Expected values worked out by hand from Go's time.ParseDuration rules (units ns, us, µs, μs,
// ms, s, m, h; a sign; decimal fractions truncated below a nanosecond; int64 nanoseconds).
describe('parseGoDuration', () => {
  it.each([
    ['1.018s', 1018],
    ['523ms', 523],
    ['1m4.004s', 64004],
    ['1h2m3.5s', 3723500],
    ['850µs', 0.85],
    ['850us', 0.85],
    ['850μs', 0.85],
    ['1500ns', 0.0015],
    ['0s', 0],
    ['0', 0],
    ['+2s', 2000],
    ['.5s', 500],
    ['1.s', 1000],
    ['2562047h47m16.854775807s', 9223372036854.775],
    ['1.0000000001s', 1000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 6);
  });

  it('reads a negative duration as negative (the caller decides what it means)', () => {
    expect(parseGoDuration('-1.5s')).toBe(-1500);
  });

  it.each([
    ['', 'empty'],
    ['1', 'a number without a unit'],
    ['12', 'a number without a unit'],
    ['1.018', 'a fraction without a unit'],
    ['s', 'a unit without a number'],
    ['.s', 'a point without digits'],
    ['1d', 'a unit Go does not know'],
    ['1S', 'units are lower case'],
    ['1 s', 'a space'],
    [' 1s', 'leading space'],
    ['1s ', 'trailing space'],
    ['1.018s (1.018s', 'extra text'],
    ['1,5s', 'a decimal comma'],
    ['1e3ms', 'an exponent'],
    ['2562047h47m16.854775808s', 'past int64 nanoseconds'],
    ['9999999999999999999h', 'overflow'],
    ['--1s', 'two signs'],
    ['-', 'a sign alone'],
    ['NaNs', 'not a number'],
    ['Infinitys', 'not a number'],
  ])('refuses %j (%s)', (text) => {
    expect(parseGoDuration(text)).toBeNull();
  });
});
