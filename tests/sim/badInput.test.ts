import { describe, expect, it } from 'vitest';
import { ParallelEnv } from '../../src/sim/env';
import { VectorEnv } from '../../src/sim/vectorEnv';
import { boom, expectRefused, revoked } from '../support/refused';

const expectRejected = (fn: () => unknown, field: RegExp, allowed: RegExp) => expectRefused(fn, field, allowed);

/** Runs a rejected step and checks nothing changed: state, step count, live agents. */
function expectUnchanged(env: ParallelEnv, bad: () => unknown, field: RegExp, allowed: RegExp) {
  const before = JSON.stringify(env.worldState());
  const t = env.t;
  const agents = [...env.agents];
  expectRejected(bad, field, allowed);
  expect(JSON.stringify(env.worldState())).toBe(before);
  expect(env.t).toBe(t);
  expect(env.agents).toEqual(agents);
}

describe('bad input is named, explained, and changes nothing', () => {
  const env = new ParallelEnv('simple_spread', { N: 3 });
  env.reset({ seed: 1 });
  env.step({ agent_0: 1, agent_1: 2, agent_2: 3 });

  it('unknown agent', () =>
    expectUnchanged(env, () => env.step({ agent_0: 1, agent_1: 1, agent_2: 1, agent_9: 1 }), /actions\.agent_9/, /agent_0, agent_1, agent_2/));
  it('missing action', () => expectUnchanged(env, () => env.step({ agent_0: 1, agent_2: 1 }), /actions\.agent_1/, /missing action/));
  it('out-of-range discrete action', () =>
    expectUnchanged(env, () => env.step({ agent_0: 1, agent_1: 5, agent_2: 1 }), /actions\.agent_1/, /integer from 0 to 4/));
  it('fractional and NaN discrete actions', () => {
    expectUnchanged(env, () => env.step({ agent_0: 1.5, agent_1: 0, agent_2: 1 }), /actions\.agent_0/, /Discrete\(5\)/);
    expectUnchanged(env, () => env.step({ agent_0: 0, agent_1: 0, agent_2: NaN }), /actions\.agent_2/, /got NaN/);
  });
  it('an array where a discrete action is expected', () =>
    expectUnchanged(env, () => env.step({ agent_0: [1] as never, agent_1: 0, agent_2: 0 }), /actions\.agent_0/, /integer/));
  it('not an object at all', () => expectUnchanged(env, () => env.step([1, 2, 3] as never), /^actions$/, /one action for each/));

  const cont = new ParallelEnv('simple_tag', { continuous_actions: true });
  cont.reset({ seed: 2 });
  const ok = [0, 0.5, 0.2, 0, 1];
  it('continuous: wrong vector length', () =>
    expectUnchanged(
      cont,
      () => cont.step({ adversary_0: ok, adversary_1: ok, adversary_2: [0, 1], agent_0: ok }),
      /actions\.adversary_2/,
      /length 2 instead of 5/,
    ));
  it('continuous: NaN component', () =>
    expectUnchanged(
      cont,
      () => cont.step({ adversary_0: ok, adversary_1: ok, adversary_2: ok, agent_0: [0, NaN, 0, 0, 0] }),
      /actions\.agent_0/,
      /component 1 is NaN/,
    ));
  it('continuous: out of [0, 1]', () =>
    expectUnchanged(
      cont,
      () => cont.step({ adversary_0: [0, 1.2, 0, 0, 0], adversary_1: ok, adversary_2: ok, agent_0: ok }),
      /actions\.adversary_0/,
      /\[0, 1\]/,
    ));
  it('continuous: a number instead of a vector', () =>
    expectUnchanged(cont, () => cont.step({ adversary_0: 3, adversary_1: ok, adversary_2: ok, agent_0: ok }), /actions\.adversary_0/, /5 finite numbers/));

  it('stepping after the episode ended, or before any reset', () => {
    const e = new ParallelEnv('simple_spread', { N: 1, max_cycles: 2 });
    expectRejected(() => e.step({ agent_0: 0 }), /step/, /reset\(\)/);
    e.reset({ seed: 0 });
    e.step({ agent_0: 0 });
    e.step({ agent_0: 0 });
    expect(e.agents).toEqual([]);
    expectUnchanged(e, () => e.step({ agent_0: 0 }), /step/, /episode is over/);
  });

  it('unknown scenario', () => expectRejected(() => new ParallelEnv('simple_chess'), /scenario/, /spread, tag, speaker_listener/));
  it('unknown option', () =>
    expectRejected(() => new ParallelEnv('simple_spread', { n: 3 }), /simple_spread\.n/, /N, local_ratio, max_cycles, continuous_actions/));
  it('invalid option values', () => {
    expectRejected(() => new ParallelEnv('simple_spread', { N: 0 }), /simple_spread\.N/, /integer from 1 to 64/);
    expectRejected(() => new ParallelEnv('simple_spread', { local_ratio: 1.5 }), /local_ratio/, /number from 0 to 1/);
    expectRejected(() => new ParallelEnv('simple_tag', { num_good: 2.5 }), /num_good/, /integer/);
    expectRejected(() => new ParallelEnv('simple_tag', { continuous_actions: 'yes' }), /continuous_actions/, /true or false/);
    expectRejected(() => new ParallelEnv('simple_spread', { max_cycles: -1 }), /max_cycles/, /integer from 1/);
  });
  it('bad reset seed and options', () => {
    expectRejected(() => env.reset({ seed: -3 }), /reset\.seed/, /non-negative integer/);
    expectRejected(() => env.reset({ options: { N: 5 } }), /reset\.options/, /constructor/);
    // PettingZoo's reset(seed=5) spelled positionally: refused, not silently unseeded
    expectRejected(() => env.reset(5 as never), /^reset$/, /\{ seed \}/);
    expectRejected(() => env.reset('seed' as never), /^reset$/, /\{ seed \}/);
  });
  it('option names that are Object.prototype names, and a scenario that is not a name', () => {
    for (const key of ['toString', 'constructor', 'hasOwnProperty']) {
      expectRejected(() => new ParallelEnv('simple_spread', { [key]: 1 }), new RegExp(`simple_spread\\.${key}`), /N, local_ratio/);
    }
    expectRejected(() => new ParallelEnv('simple_spread', JSON.parse('{"__proto__": 1}')), /simple_spread\.__proto__/, /N, local_ratio/);
    expectRejected(() => new ParallelEnv(null as never), /ParallelEnv scenario/, /a scenario name/);
    expectRejected(() => new ParallelEnv(123 as never), /ParallelEnv scenario/, /a scenario name/);
  });
  it('asking for the space of an unknown agent', () => expectRejected(() => env.actionSpace('agent_7'), /agent/, /agent_0, agent_1, agent_2/));

  it('a malformed world state is refused whole', () => {
    const e = new ParallelEnv('simple_speaker_listener');
    e.reset({ seed: 4 });
    const good = e.worldState();
    const before = JSON.stringify(good);
    expectRejected(() => e.loadWorldState({ ...good, p_pos: good.p_pos.slice(1) }), /state\.p_pos/, /5 rows/);
    expectRejected(() => e.loadWorldState({ ...good, p_vel: good.p_vel.map((v, i) => (i === 3 ? [1, 0] : v)) }), /state\.p_vel\[3\]/, /cannot move/);
    expectRejected(
      () => e.loadWorldState({ ...good, goals: [{ agent: 'speaker_0', goal_a: 'listener_0', goal_b: 'landmark 7' }] }),
      /goal_b/,
      /landmark 0, landmark 1, landmark 2/,
    );
    expectRejected(() => e.loadWorldState({ ...good, goals: undefined }), /state\.goals/, /goal_a/);
    expectRejected(() => e.loadWorldState({ ...good, t: 25 }), /state\.t/, /0 to 24/);
    expectRejected(
      () => e.loadWorldState({ ...good, p_pos: good.p_pos.map((p, i) => (i === 0 ? [1e300, 0] : p)) }),
      /state\.p_pos\[0\]/,
      /magnitude up to 1000000/,
    );
    expect(JSON.stringify(e.worldState())).toBe(before);
  });

  it('an action is read once: a getter that answers a valid value, then NaN, cannot slip past the check', () => {
    const e = new ParallelEnv('simple_spread', { N: 3 });
    e.reset({ seed: 1 });
    let reads = 0;
    const actions: Record<string, number> = { agent_1: 0, agent_2: 0 };
    Object.defineProperty(actions, 'agent_0', { enumerable: true, get: () => (reads++ === 0 ? 1 : NaN) });
    const out = e.step(actions);
    expect(reads).toBe(1);
    expect(Object.values(out.observations).every((o) => o.every(Number.isFinite))).toBe(true);

    const c = new ParallelEnv('simple_tag', { continuous_actions: true });
    c.reset({ seed: 2 });
    const vec = [0, 0.5, 0.2, 0, 1];
    let vecReads = 0;
    Object.defineProperty(vec, 1, { enumerable: true, get: () => (vecReads++ === 0 ? 0.5 : NaN) });
    const proxied = new Proxy([0, 0.5, 0.2, 0, 1], { get: (t, k, r) => (k === '2' && (proxyReads += 1) > 1 ? Infinity : Reflect.get(t, k, r)) });
    let proxyReads = 0;
    const res = c.step({ adversary_0: vec, adversary_1: proxied, adversary_2: ok, agent_0: ok });
    expect([vecReads, proxyReads]).toEqual([1, 1]);
    expect(JSON.stringify(c.worldState())).not.toMatch(/null|NaN|Infinity/);
    expect(Object.values(res.observations).every((o) => o.every(Number.isFinite))).toBe(true);
  });
  it('an actions object whose getter throws is refused by name, and nothing moves', () => {
    const actions = { agent_0: 1, agent_1: 1 } as Record<string, number>;
    Object.defineProperty(actions, 'agent_2', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expectUnchanged(env, () => env.step(actions), /^actions\.agent_2$/, /reading it threw: boom/);
  });

  it('a state with two colliding entities at one point is refused, naming both (PettingZoo gives NaN there)', () => {
    const e = new ParallelEnv('simple_tag');
    e.reset({ seed: 5 });
    const good = e.worldState();
    const before = JSON.stringify(good);
    const p_pos = good.p_pos.map((p, i) => (i === 3 ? [...good.p_pos[1]] : p));
    expectRejected(() => e.loadWorldState({ ...good, p_pos }), /^state\.p_pos\[3\]$/, /agent_0 is at the same point as adversary_1 \(p_pos\[1\]\).*NaN/);
    // an agent on an obstacle (a landmark that collides) too
    const onObstacle = good.p_pos.map((p, i) => (i === 0 ? [...good.p_pos[4]] : p));
    expectRejected(() => e.loadWorldState({ ...good, p_pos: onObstacle }), /state\.p_pos\[4\]/, /landmark 0 is at the same point as adversary_0/);
    expect(JSON.stringify(e.worldState())).toBe(before);
  });
  it('agents whose moves meet at exactly one point push apart instead of producing NaN', () => {
    const e = new ParallelEnv('simple_tag');
    e.reset({ seed: 1 });
    const s = e.worldState();
    // two predators mirrored in x, moving inward at their top speed: the next step puts both at (0, 0.5)
    s.p_pos[0] = [0.1, 0.5];
    s.p_pos[1] = [-0.1, 0.5];
    s.p_vel[0] = [-1, 0];
    s.p_vel[1] = [1, 0];
    s.p_pos[2] = [0.9, -0.9];
    s.p_pos[3] = [-0.9, -0.9];
    e.loadWorldState(s);
    const still = { adversary_0: 0, adversary_1: 0, adversary_2: 0, agent_0: 0 };
    e.step(still);
    expect(e.worldState().p_pos.slice(0, 2)).toEqual([
      [0, 0.5],
      [0, 0.5],
    ]);
    const out = e.step(still);
    expect(Object.values(out.observations).every((o) => o.every(Number.isFinite))).toBe(true);
    const [a, b] = e.worldState().p_vel;
    expect(a[0]).toBeGreaterThan(b[0]); // pushed apart along x
  });

  describe('input that throws while being read (getters, Proxies, revoked Proxies) is refused by name', () => {
    it('constructor options and scenario', () => {
      expectRejected(
        () =>
          new ParallelEnv('simple_spread', {
            get N() {
              return boom();
            },
          }),
        /^simple_spread options\.N$/,
        /reading it threw: boom/,
      );
      const noKeys = new Proxy({}, { ownKeys: boom });
      expectRejected(() => new ParallelEnv('simple_spread', noKeys), /^simple_spread options$/, /reading it threw: boom/);
      expectRejected(() => new ParallelEnv('simple_spread', revoked()), /^simple_spread options$/, /revoked/);
      expectRejected(() => new ParallelEnv('simple_spread', { N: revoked() } as never), /^simple_spread options\.N$/, /revoked/);
      // only a Scenario the arena made is one: anything else failed later with "agentNames is not iterable"
      expectRejected(() => new ParallelEnv({ world: 1 } as never), /^ParallelEnv scenario$/, /a scenario name/);
      expectRejected(() => new ParallelEnv(revoked() as never), /^ParallelEnv scenario$/, /a scenario name/);
    });

    it('reset arguments', () => {
      const e = new ParallelEnv('simple_spread', { N: 3 });
      e.reset({ seed: 1 });
      e.step({ agent_0: 1, agent_1: 2, agent_2: 3 });
      expectUnchanged(
        e,
        () =>
          e.reset({
            get seed() {
              return boom();
            },
          }),
        /^reset\.seed$/,
        /reading it threw: boom/,
      );
      expectUnchanged(e, () => e.reset(new Proxy({ seed: 1 }, { get: boom })), /^reset\.seed$/, /reading it threw: boom/);
      expectUnchanged(e, () => e.reset(revoked()), /^reset$/, /revoked/);
      // a Proxy with no own keys holds no seed: read as {}, so its throwing `get` is never reached
      expect(() => e.reset(new Proxy({}, { get: boom }))).not.toThrow();
    });

    it('a world state', () => {
      const e = new ParallelEnv('simple_tag');
      e.reset({ seed: 3 });
      const good = e.worldState();
      const hostile = new Proxy(good, { get: (t, k, r) => (k === 'p_vel' ? boom() : Reflect.get(t, k, r)) });
      expectUnchanged(e, () => e.loadWorldState(hostile), /^state\.p_vel$/, /reading it threw: boom/);
      expectUnchanged(e, () => e.loadWorldState({ ...good, p_pos: [good.p_pos[0], revoked()] as never }), /^state\.p_pos\[1\]$/, /revoked/);
      expectUnchanged(e, () => e.loadWorldState(revoked() as never), /^state$/, /revoked/);
    });

    it('actions: a revoked Proxy as the whole object or as one action', () => {
      expectUnchanged(env, () => env.step(revoked() as never), /^actions$/, /revoked/);
      expectUnchanged(env, () => env.step({ agent_0: revoked(), agent_1: 1, agent_2: 1 } as never), /^actions\.agent_0$/, /allowed/);
      expectUnchanged(env, () => env.step(new Proxy({}, { ownKeys: boom })), /^actions$/, /reading it threw: boom/);
    });
  });

  it('actions must be own properties: ones inherited through a prototype are refused', () => {
    const inherited = Object.create({ agent_0: 1, agent_1: 1, agent_2: 1 });
    expectUnchanged(env, () => env.step(inherited), /^actions\.agent_0$/, /missing action/);
  });

  it('reset refuses a key it does not know, by name', () => {
    expectUnchanged(env, () => env.reset({ seed: 0, bogus: 1 } as never), /^reset\.bogus$/, /unknown key.*seed, options/);
    expectUnchanged(env, () => env.reset({ sed: 0 } as never), /^reset\.sed$/, /unknown key/);
  });

  it('t, agents and possibleAgents are read-only from outside', () => {
    const e = new ParallelEnv('simple_spread', { N: 3, max_cycles: 3 });
    e.reset({ seed: 0 });
    e.step({ agent_0: 1, agent_1: 1, agent_2: 1 });
    const set = (key: string, value: unknown) => () => ((e as unknown as Record<string, unknown>)[key] = value);
    for (const bad of ['x', NaN, -5, 1e9, 0]) expectUnchanged(e, set('t', bad), /^t$/, /read-only/);
    for (const bad of [['agent_0', 'agent_0'], null, []]) expectUnchanged(e, set('agents', bad), /^agents$/, /read-only/);
    expectUnchanged(e, set('possibleAgents', ['x']), /^possibleAgents$/, /read-only/);
    expect(() => (e.possibleAgents as string[]).push('x')).toThrow(TypeError);
    expect(() => (e.agents as string[]).push('x')).toThrow(TypeError);
    expect(e.possibleAgents).toEqual(['agent_0', 'agent_1', 'agent_2']);
    // the episode runs on as if nothing was tried: t counts to max_cycles, the state exports a number
    e.step({ agent_0: 1, agent_1: 1, agent_2: 1 });
    expect([e.t, e.worldState().t, e.agents.length]).toEqual([2, 2, 3]);
    e.step({ agent_0: 1, agent_1: 1, agent_2: 1 });
    expect([e.t, e.agents]).toEqual([3, []]);
    expect(Object.isFrozen(e.agents)).toBe(true);
  });

  it('vector env: wrong buffer length, bad values, and nothing moves', () => {
    const v = new VectorEnv({ scenario: 'simple_tag', numEnvs: 4, seed: 3 });
    const obs = v.roles.map((r) => Float32Array.from(r.obs));
    const t = Int32Array.from(v.t);
    expectRejected(() => v.step([new Int32Array(12), new Int32Array(3)]), /actions\[1\] \(good\)/, /4 numbers \(4 envs x 1 agents x 1\)/);
    expectRejected(() => v.step([new Int32Array(12)]), /^actions$/, /2 arrays, one per role/);
    v.roles[0].actions[7] = 9;
    expectRejected(() => v.step(), /adversary_1 \(env 2, role adversary\)/, /integer from 0 to 4/);
    v.roles[0].actions[7] = 0;
    v.roles[1].actions[0] = -1;
    expectRejected(() => v.step(), /agent_0 \(env 0, role good\)/, /integer from 0 to 4/);
    v.roles.forEach((r, i) => expect(r.obs).toEqual(obs[i]));
    expect(v.t).toEqual(t);
    expectRejected(() => new VectorEnv({ scenario: 'spread', numEnvs: 0 }), /numEnvs/, /1 to 4096/);
  });
});
