import type { Rule } from '../rule.ts';
import cloudwatchAlarmHasAction from './cloudwatch-alarm-has-action.ts';
import rdsInstanceStorageAlarm from './rds-instance-storage-alarm.ts';

/** Alarm rules, and the rules that require an alarm on another service's metric. */
export const cloudwatchRules: readonly Rule[] = [cloudwatchAlarmHasAction, rdsInstanceStorageAlarm];
