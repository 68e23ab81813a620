import type { LifecycleFile } from './lifecycle-file.types.js';
import { joinPointer, quote } from './problems.js';
import type { Locate, Problem } from './problems.js';

/**
 * Rules of a lifecycle file that JSON Schema cannot express. Like checkDocumentRules, it expects a file that already
 * passed schema/lifecycle.schema.json and trusts its shapes. Pure; problems are located through `locate` and
 * returned in file order (unsorted).
 *
 * Whether the versions, parties and roles named exist, and whether a withdrawn signature was recorded, depends on the
 * agreement and the register, not on this file alone; the import checks that when it replays the events.
 */
export function checkLifecycleRules(file: LifecycleFile, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ ...locate(path), path, code: 'rule', message });

  let firstFollowUp: string | undefined;
  let lastText: { version: number; at: string } | undefined;
  const textFiles = new Map<string, string>();
  file.events.forEach((event, i) => {
    const at = joinPointer('/events', i);
    if ('text' in event) {
      const { version, file: textFile } = event.text;
      if (lastText !== undefined && version <= lastText.version) {
        add(joinPointer(at, 'text', 'version'), `text versions must rise; version ${version} follows version ${lastText.version} at ${lastText.at}`);
      }
      const earlier = textFiles.get(textFile);
      if (earlier !== undefined) add(joinPointer(at, 'text', 'file'), `${quote(textFile)} is already the text of ${earlier}`);
      textFiles.set(textFile, at);
      lastText = { version, at };
    } else if ('validityExtension' in event) {
      const { decidedOn, effectiveOn } = event.validityExtension;
      // ISO dates of equal length compare correctly as strings.
      if (effectiveOn < decidedOn) {
        add(joinPointer(at, 'validityExtension', 'effectiveOn'), `effectiveOn ${effectiveOn} must not be before decidedOn ${decidedOn}`);
      }
    } else if ('withdrawal' in event) {
      const { signedOn, withdrawnOn } = event.withdrawal;
      if (withdrawnOn < signedOn) {
        add(
          joinPointer(at, 'withdrawal', 'withdrawnOn'),
          `withdrawnOn ${withdrawnOn} must not be before signedOn ${signedOn}; a signature cannot be withdrawn before it was given`,
        );
      }
    } else if ('followUp' in event) {
      const followUp = joinPointer(at, 'followUp');
      if (event.followUp.predecessor === file.agreement) {
        add(
          joinPointer(followUp, 'predecessor'),
          `predecessor must differ from agreement ${quote(file.agreement)}; an agreement cannot follow up itself`,
        );
      }
      if (firstFollowUp === undefined) {
        firstFollowUp = followUp;
      } else {
        add(
          followUp,
          `only one followUp event is allowed; there is already one at ${firstFollowUp} (line ${locate(firstFollowUp, { key: true }).line})`,
        );
      }
    }
  });

  return problems;
}
