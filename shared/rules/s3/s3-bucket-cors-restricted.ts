import { compliant, defineRule, nonCompliant, RuleCategory } from '../rule.ts';

/** `*`, or a scheme with a bare wildcard host (`https://*`): any origin at all. */
const ANY_ORIGIN = /^(?:[a-z][a-z0-9+.-]*:\/\/)?\*$/i;

export default defineRule({
  id: 's3-bucket-cors-restricted',
  title: 'S3 bucket CORS rules do not allow every origin',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  category: RuleCategory.dataStores,
  checklist: '000 CORS, 002 CORS wildcard',
  remediation: {
    text: 'List the exact origins that may call the bucket from a browser instead of "*".',
    cli: 'aws s3api put-bucket-cors --bucket <bucket> --cors-configuration \'{"CORSRules":[{"AllowedOrigins":["https://app.example.com"],"AllowedMethods":["GET"],"MaxAgeSeconds":3000}]}\'',
    cloudformation:
      'CorsConfiguration:\n  CorsRules:\n    - AllowedOrigins: [https://app.example.com]\n      AllowedMethods: [GET]\n      MaxAge: 3000',
  },
  params: {},
  equivalents: {},
  evaluate(bucket) {
    const { bucketName, corsRules } = bucket.model;
    const open = corsRules.filter((r) => r.allowedOrigins.some((o) => ANY_ORIGIN.test(o.trim())));
    if (open.length > 0) {
      const [rule] = open;
      const label = rule?.id ? `"${rule.id}"` : `#${rule ? corsRules.indexOf(rule) + 1 : 1}`;
      const methods = rule?.allowedMethods.join('/') || 'no methods';
      return nonCompliant(`S3 bucket ${bucketName} CORS rule ${label} allows any origin (*) to ${methods}.`);
    }
    return compliant(
      corsRules.length === 0
        ? `S3 bucket ${bucketName} has no CORS configuration.`
        : `S3 bucket ${bucketName} CORS rules allow only listed origins.`,
    );
  },
});
