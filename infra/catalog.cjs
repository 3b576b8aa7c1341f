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
