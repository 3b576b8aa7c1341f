// osls variable resolver (`${file(infra/catalog.cjs):name}`): values serverless.yml derives from
// the rule catalog when it packages. osls loads this file with require(); the TypeScript modules
// are imported natively (Node 24 strips types), so nothing is built first. The logic lives in
// infra/subscriptions.ts, where it is typed and unit-tested.
'use strict';

const path = require('node:path');
const { pathToFileURL } = require('node:url');

const load = async () => {
  const [{ catalog }, subscriptions] = await Promise.all([
    import(pathToFileURL(path.join(__dirname, '../shared/rules/index.ts')).href),
    import(pathToFileURL(path.join(__dirname, 'subscriptions.ts')).href),
  ]);
  return { catalog, ...subscriptions };
};

const loadChannels = () => import(pathToFileURL(path.join(__dirname, 'alert-channels.ts')).href);
const channelsParam = async (resolveVariable) => {
  const raw = await resolveVariable('param:alertChannels');
  return raw;
};

/**
 * A user's mistake, not a bug: osls prints a rejected resolver's `stack`, so the stack is the
 * message alone, and `osls package` shows one line naming the rule and the parameter.
 */
const oneLine = (message, cause) => {
  const error = new Error(message, { cause });
  error.stack = message;
  return error;
};

module.exports = {
  /** suppressions.yml, validated (docs/alerts.md), as compact JSON for the sweep. */
  codeSuppressions: async ({ resolveVariable }) => {
    // The stage's longest suppression (the API enforces the same); resolved outside the try (see alertChannels).
    const maxDays = Number(await resolveVariable('param:suppressionMaxDays'));
    const [{ parse }, { readFileSync }, { parseSuppressionsFile }] = await Promise.all([
      import('yaml'),
      import('node:fs'),
      import(pathToFileURL(path.join(__dirname, '../shared/app/suppressions-as-code.ts')).href),
    ]);
    const file = path.join(__dirname, '..', 'suppressions.yml');
    let json;
    try {
      json = JSON.stringify(parseSuppressionsFile(parse(readFileSync(file, 'utf8')), new Date(), Number.isFinite(maxDays) && maxDays > 0 ? { maxDays } : {}));
    } catch (error) {
      throw oneLine(`invalid suppressions.yml: ${error.message}`, error);
    }
    // Lambda allows 4 KB of environment in all; past ~3 KB, store them through the API instead.
    if (json.length > 3000) throw oneLine(`suppressions.yml: ${json.length} characters of JSON exceed the 3,000 the sweep's environment can carry; declare the rest through the API (vigil suppress)`);
    return json;
  },
  /** The `alertChannels` parameter, validated (docs/alerts.md), as compact JSON for notify and redeliver. */
  alertChannels: async ({ resolveVariable }) => {
    const { alertChannelsJson } = await loadChannels();
    // Resolved outside the try: osls signals "not resolved yet, ask again" by throwing here.
    const raw = await channelsParam(resolveVariable);
    try {
      return alertChannelsJson(raw);
    } catch (error) {
      throw oneLine(`invalid parameter alertChannels: ${error.message}`, error);
    }
  },
  /** What the alert roles may publish to and read, derived from the channels. */
  alertTopics: async ({ resolveVariable }) => (await loadChannels()).alertChannelGrants(await channelsParam(resolveVariable)).topics,
  alertBuses: async ({ resolveVariable }) => (await loadChannels()).alertChannelGrants(await channelsParam(resolveVariable)).buses,
  alertSecrets: async ({ resolveVariable }) => (await loadChannels()).alertChannelGrants(await channelsParam(resolveVariable)).secrets,
  alertParameters: async ({ resolveVariable }) => (await loadChannels()).alertChannelGrants(await channelsParam(resolveVariable)).parameters,
  /** Resource types for the Config change event patterns. */
  configResourceTypes: async () => {
    const { catalog, configSubscriptionTypes } = await load();
    return configSubscriptionTypes(catalog);
  },
  /** The `ruleParams` parameter, validated against the catalog, as compact JSON. */
  ruleParams: async ({ resolveVariable }) => {
    const { catalog, ruleParamsJson } = await load();
    const raw = await resolveVariable('param:ruleParams');
    try {
      return ruleParamsJson(catalog, raw);
    } catch (error) {
      throw oneLine(`invalid parameter ruleParams: ${error.message} (see docs/rules.md for rule ids and parameters)`, error);
    }
  },
};
