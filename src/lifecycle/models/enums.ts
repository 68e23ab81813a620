import { registerEnumType } from '@nestjs/graphql';

// GraphQL shows the names; the values are what the rules and the database use.
export enum LifecycleStateEnum {
  DRAFT = 'DRAFT',
  FROZEN = 'FROZEN',
  SIGNING = 'SIGNING',
  IN_FORCE = 'IN_FORCE',
  EXPIRED = 'EXPIRED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(LifecycleStateEnum, { name: 'LifecycleState' });

export enum SignatureLevelEnum {
  HANDWRITTEN_SCAN = 'handwrittenScan',
  SIMPLE_ELECTRONIC = 'simpleElectronic',
  ADVANCED_ELECTRONIC = 'advancedElectronic',
  QUALIFIED_ELECTRONIC = 'qualifiedElectronic',
}
registerEnumType(SignatureLevelEnum, {
  name: 'SignatureLevel',
  description: 'Handwritten with a scan as evidence, or a simple, advanced or qualified electronic signature.',
});

export enum AmendmentTypeEnum {
  VALIDITY_EXTENSION = 'validityExtension',
  CONTENT_AMENDMENT = 'contentAmendment',
  CORRECTION = 'correction',
}
registerEnumType(AmendmentTypeEnum, { name: 'AmendmentType' });

export enum LifecycleEventKindEnum {
  CREATED = 'CREATED',
  FROZEN = 'FROZEN',
  SIGNED = 'SIGNED',
  SIGNATURE_WITHDRAWN = 'SIGNATURE_WITHDRAWN',
  AMENDED = 'AMENDED',
  FOLLOW_UP_CREATED = 'FOLLOW_UP_CREATED',
  ENTERED_INTO_FORCE = 'ENTERED_INTO_FORCE',
  EXPIRED = 'EXPIRED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(LifecycleEventKindEnum, { name: 'LifecycleEventKind' });

export enum PartyKindEnum {
  SENATE_DEPARTMENT = 'senateDepartment',
  DISTRICT = 'district',
}
registerEnumType(PartyKindEnum, { name: 'PartyKind' });
