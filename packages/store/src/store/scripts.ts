/**
 * Lua scripts for the state changes that must be atomic across several keys. Each runs as one
 * Redis command, so two workers upserting the same deal can never leave an index half-updated.
 */
import type { Redis } from 'ioredis';

/**
 * Upsert one deal. KEYS: deal hash, deal-id set, dirty hash, write-back lag hash. ARGV: index key
 * prefix, deal id, deal JSON, statement keys (`\n`-joined), content hash, modstamp, lag start (epoch
 * ms or ''), what to do with the record's name (`keep`, `set`, `clear`), the name. Returns 0
 * unchanged, 1 created, 2 updated. Every statement key the deal touched before or touches now gets
 * its dirty generation bumped, and its lag start if it has none yet. The name is not part of the
 * content hash: renaming a deal changes no pay, so it marks nothing dirty.
 */
const UPSERT_DEAL = `
local oldHash = redis.call('HGET', KEYS[1], 'hash')
if ARGV[8] == 'set' then
  redis.call('HSET', KEYS[1], 'name', ARGV[9])
elseif ARGV[8] == 'clear' then
  redis.call('HDEL', KEYS[1], 'name')
end
if oldHash == ARGV[5] then
  if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'modstamp', ARGV[6]) end
  return 0
end
local touched = {}
local oldKeys = redis.call('HGET', KEYS[1], 'keys')
if oldKeys then
  for k in string.gmatch(oldKeys, '[^\\n]+') do
    redis.call('SREM', ARGV[1] .. k, ARGV[2])
    touched[k] = true
  end
end
for k in string.gmatch(ARGV[4], '[^\\n]+') do
  redis.call('SADD', ARGV[1] .. k, ARGV[2])
  touched[k] = true
end
for k, _ in pairs(touched) do
  redis.call('HINCRBY', KEYS[3], k, 1)
  if ARGV[7] ~= '' then redis.call('HSETNX', KEYS[4], k, ARGV[7]) end
end
redis.call('HSET', KEYS[1], 'json', ARGV[3], 'keys', ARGV[4], 'hash', ARGV[5], 'modstamp', ARGV[6])
redis.call('SADD', KEYS[2], ARGV[2])
if oldHash then return 2 end
return 1
`;

/**
 * Remove one deal. KEYS: deal hash, deal-id set, dirty hash, write-back lag hash. ARGV: index key
 * prefix, deal id, lag start (epoch ms or ''). Returns 1 if it existed.
 */
const REMOVE_DEAL = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local oldKeys = redis.call('HGET', KEYS[1], 'keys')
if oldKeys then
  for k in string.gmatch(oldKeys, '[^\\n]+') do
    redis.call('SREM', ARGV[1] .. k, ARGV[2])
    redis.call('HINCRBY', KEYS[3], k, 1)
    if ARGV[3] ~= '' then redis.call('HSETNX', KEYS[4], k, ARGV[3]) end
  end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
return 1
`;

/** Delete a hash field only if it still holds the given value. KEYS: hash. ARGV: field, value. */
const DELETE_IF_EQUAL = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`;

/** Set a hash field to ARGV[2] only if that is greater than what it holds (numbers). KEYS: hash. ARGV: field, value. */
const SET_IF_GREATER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and tonumber(current) >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

export interface StoreScripts {
  upsertDeal(
    keys: [string, string, string, string],
    args: [string, string, string, string, string, string, string, 'keep' | 'set' | 'clear', string],
  ): Promise<number>;
  removeDeal(keys: [string, string, string, string], args: [string, string, string]): Promise<number>;
  deleteIfEqual(key: string, field: string, value: string): Promise<number>;
  setIfGreater(key: string, field: string, value: string): Promise<number>;
}

type ScriptCommand = (...args: (string | number)[]) => Promise<number>;

function define(redis: Redis, name: string, numberOfKeys: number, lua: string): ScriptCommand {
  // defineCommand sends EVALSHA and falls back to EVAL once per connection: the script is not re-sent each call.
  if (typeof (redis as unknown as Record<string, unknown>)[name] !== 'function') {
    redis.defineCommand(name, { numberOfKeys, lua });
  }
  const command = (redis as unknown as Record<string, ScriptCommand>)[name]!;
  return command.bind(redis);
}

export function storeScripts(redis: Redis): StoreScripts {
  // Named after their key count: a process that loaded an older definition cannot call it by mistake.
  const upsert = define(redis, 'attainUpsertDeal4Named', 4, UPSERT_DEAL);
  const remove = define(redis, 'attainRemoveDeal4', 4, REMOVE_DEAL);
  const deleteIfEqual = define(redis, 'attainDeleteIfEqual', 1, DELETE_IF_EQUAL);
  const setIfGreater = define(redis, 'attainSetIfGreater', 1, SET_IF_GREATER);
  return {
    upsertDeal: (keys, args) => upsert(...keys, ...args),
    removeDeal: (keys, args) => remove(...keys, ...args),
    deleteIfEqual: (key, field, value) => deleteIfEqual(key, field, value),
    setIfGreater: (key, field, value) => setIfGreater(key, field, value),
  };
}
