/**
 * Babel AST types, derived from @babel/parser's own typings (the package does not depend on
 * @babel/types directly).
 */
import type { parse } from '@babel/parser';

export type File = ReturnType<typeof parse>;
export type Program = File['program'];
export type Statement = Program['body'][number];
export type Expression = Extract<Statement, { type: 'ExpressionStatement' }>['expression'];
export type AssignmentExpression = Extract<Expression, { type: 'AssignmentExpression' }>;
export type ObjectExpression = Extract<Expression, { type: 'ObjectExpression' }>;
export type ArrayExpression = Extract<Expression, { type: 'ArrayExpression' }>;
export type ObjectMember = ObjectExpression['properties'][number];
export type ObjectProperty = Extract<ObjectMember, { type: 'ObjectProperty' }>;
export type Node =
  Statement | Expression | ObjectMember | ObjectProperty['key'] | ObjectProperty['value'] | AssignmentExpression['left'] | NonNullable<ArrayExpression['elements'][number]>;
