import { Injectable } from '@nestjs/common';
import type { Finding } from '@carecast/shared/contracts';
import {
  capFindings,
  checkContent,
  checkReply,
  type CheckContext,
  type ContentCheckInput,
} from '@carecast/shared/compliance';
import { LinkChecker } from './link-checker';

/**
 * The authority on findings: the same pure checks the dashboard runs, plus whether the post's
 * links open (asked over the network, answers remembered for a while).
 */
@Injectable()
export class ComplianceService {
  constructor(private readonly links: LinkChecker) {}

  async checkContent(input: ContentCheckInput, ctx: CheckContext): Promise<Finding[]> {
    const [local, links] = [checkContent(input, ctx), await this.links.findings(input)];
    // The shared checks cap their own findings; the link findings are capped the same way.
    return [...local, ...capFindings(links)];
  }

  checkReply(text: string, ctx: CheckContext): Finding[] {
    return checkReply(text, ctx);
  }
}
