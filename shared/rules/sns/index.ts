import type { Rule } from '../rule.ts';
import snsTopicEncrypted from './sns-topic-encrypted.ts';
import snsTopicHasSubscription from './sns-topic-has-subscription.ts';

export const snsRules: readonly Rule[] = [snsTopicHasSubscription, snsTopicEncrypted];
