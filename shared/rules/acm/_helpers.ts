import type { Resource } from '../../domain/resource.ts';

export type Certificate = Resource<'AWS::ACM::Certificate'>;

/** `Certificate arn:aws:acm:…:certificate/… (api.example.com)`: Config's id is the ARN. */
export function certificateLabel(certificate: Certificate): string {
  const id = certificate.resourceName ?? certificate.resourceId;
  return certificate.model.domainName ? `Certificate ${id} (${certificate.model.domainName})` : `Certificate ${id}`;
}
