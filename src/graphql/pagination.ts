import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { AppError, ErrorCode } from '../common/app-error.js';

/** What a list answers without a limit; the complexity rule reads it from the schema. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest page; the complexity rule assumes it for a limit given as a variable. */
export const MAX_PAGE_SIZE = 100;

/** Every list of the API takes these two arguments. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, 0 to ${MAX_PAGE_SIZE}; 0 asks only for totalCount.` })
  limit: number;

  @Field(() => Int, { defaultValue: 0, description: 'How many items to skip.' })
  offset: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  hasMore: boolean;
}

/** The GraphQL type of a page of `item`s; name it by extending it: `@ObjectType('AgreementPage') class … extends PageOf(Agreement) {}`. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  @ObjectType({ isAbstract: true })
  abstract class PageType implements Page<T> {
    @Field(() => [item], { description: 'This page, in the order of the whole list.' })
    items: T[];

    @Field(() => Int, { description: 'Items in the whole list.' })
    totalCount: number;

    @Field({ description: 'Whether items follow this page (offset + limit < totalCount).' })
    hasMore: boolean;
  }
  return PageType as Type<Page<T>>;
}

export function badPage(args: PageArgs): AppError {
  return new AppError(
    ErrorCode.BAD_INPUT,
    `limit must be from 0 to ${MAX_PAGE_SIZE} and offset 0 or more, got limit ${args.limit}, offset ${args.offset}`,
    {
      maxLimit: MAX_PAGE_SIZE,
    },
  );
}

/** The page arguments, checked: BAD_INPUT when out of range. */
export function checkPage(args: PageArgs): PageArgs {
  if (!Number.isInteger(args.limit) || args.limit < 0 || args.limit > MAX_PAGE_SIZE) throw badPage(args);
  if (!Number.isInteger(args.offset) || args.offset < 0) throw badPage(args);
  return args;
}

/** A page of a list already in memory (the request's loaders fetched it for every parent at once). */
export function pageOf<T>(all: readonly T[], args: PageArgs): Page<T> {
  const { limit, offset } = checkPage(args);
  return pageFrom(all.slice(offset, offset + limit), all.length, args);
}

/** A page whose items and total were read separately (LIMIT/OFFSET and a count). */
export function pageFrom<T>(items: T[], totalCount: number, args: PageArgs): Page<T> {
  return { items, totalCount, hasMore: args.offset + items.length < totalCount };
}
