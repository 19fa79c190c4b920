// Command go-template-tree prints a canonical dump of the parse trees Go's text/template/parse
// package builds for each template file it is given, or the parse error. It is the oracle of
// Tests/TWCTemplateTests/GoOracleTests.swift, which prints the same dump from TWCTemplate's trees
// and compares the two. Standard library only:
//
//	go run scripts/go-template-tree/main.go FILE...   (or the file names on standard input, one a line)
//
// Each file is parsed as a template named by its path as given, functions unchecked
// (parse.SkipFuncCheck), comments kept (parse.ParseComments). The error, if any, is the one the
// same parse without ParseComments reports (Hugo's mode: before Go 1.20 the comment mode miscounts
// lines after a multi-line comment).
//
// Output, per file: "== PATH", then either "error LINE MESSAGE" or, for each template of the set in
// name order, "tree NAME" and its nodes one a line, indented by depth, with Go's byte position.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"
)

func main() {
	paths := os.Args[1:]
	if len(paths) == 0 {
		scanner := bufio.NewScanner(os.Stdin)
		for scanner.Scan() {
			if line := scanner.Text(); line != "" {
				paths = append(paths, line)
			}
		}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintf(out, "go %s\n", runtime.Version())
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			os.Exit(2)
		}
		fmt.Fprintf(out, "== %s\n", path)
		dumpFile(out, path, string(data))
	}
}

func parseSet(name, text string, mode parse.Mode) (map[string]*parse.Tree, error) {
	set := make(map[string]*parse.Tree)
	tree := parse.New(name)
	tree.Mode = mode
	_, err := tree.Parse(text, "", "", set)
	return set, err
}

func dumpFile(out *bufio.Writer, name, text string) {
	set, commentsErr := parseSet(name, text, parse.SkipFuncCheck|parse.ParseComments)
	_, err := parseSet(name, text, parse.SkipFuncCheck)
	if (err == nil) != (commentsErr == nil) {
		fmt.Fprintf(out, "oracle-inconsistent %v / %v\n", err, commentsErr)
		return
	}
	if err != nil {
		// "template: NAME:LINE: MESSAGE"
		message := strings.TrimPrefix(err.Error(), "template: "+name+":")
		line, rest, _ := strings.Cut(message, ": ")
		fmt.Fprintf(out, "error %s %s\n", line, rest)
		return
	}
	names := make([]string, 0, len(set))
	for name := range set {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(out, "tree %q\n", name)
		dumpNode(out, set[name].Root, 1)
	}
}

func line(out *bufio.Writer, depth int, format string, args ...any) {
	out.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(out, format, args...)
	out.WriteByte('\n')
}

func quoteAll(words []string) string {
	quoted := make([]string, len(words))
	for i, word := range words {
		quoted[i] = strconv.Quote(word)
	}
	return strings.Join(quoted, " ")
}

func bits(f float64) string { return fmt.Sprintf("%016x", math.Float64bits(f)) }

func dumpNode(out *bufio.Writer, node parse.Node, depth int) {
	switch n := node.(type) {
	case *parse.ListNode:
		line(out, depth, "list %d", n.Pos)
		for _, child := range n.Nodes {
			dumpNode(out, child, depth+1)
		}
	case *parse.TextNode:
		line(out, depth, "text %d %q", n.Pos, n.Text)
	case *parse.CommentNode:
		line(out, depth, "comment %d %q", n.Pos, n.Text)
	case *parse.ActionNode:
		line(out, depth, "action %d", n.Pos)
		dumpNode(out, n.Pipe, depth+1)
	case *parse.PipeNode:
		line(out, depth, "pipe %d decl=%d assign=%t", n.Pos, len(n.Decl), n.IsAssign)
		for _, variable := range n.Decl {
			dumpNode(out, variable, depth+1)
		}
		for _, command := range n.Cmds {
			dumpNode(out, command, depth+1)
		}
	case *parse.CommandNode:
		line(out, depth, "command %d", n.Pos)
		for _, argument := range n.Args {
			dumpNode(out, argument, depth+1)
		}
	case *parse.IdentifierNode:
		line(out, depth, "identifier %d %q", n.Pos, n.Ident)
	case *parse.VariableNode:
		line(out, depth, "variable %d %s", n.Pos, quoteAll(n.Ident))
	case *parse.DotNode:
		line(out, depth, "dot %d", n.Pos)
	case *parse.NilNode:
		line(out, depth, "nil %d", n.Pos)
	case *parse.FieldNode:
		line(out, depth, "field %d %s", n.Pos, quoteAll(n.Ident))
	case *parse.ChainNode:
		line(out, depth, "chain %d %s", n.Pos, quoteAll(n.Field))
		dumpNode(out, n.Node, depth+1)
	case *parse.BoolNode:
		line(out, depth, "bool %d %t", n.Pos, n.True)
	case *parse.NumberNode:
		value := ""
		if n.IsInt {
			value += fmt.Sprintf(" int=%d", n.Int64)
		}
		if n.IsUint {
			value += fmt.Sprintf(" uint=%d", n.Uint64)
		}
		if n.IsFloat {
			value += " float=" + bits(n.Float64)
		}
		if n.IsComplex {
			value += " complex=" + bits(real(n.Complex128)) + "," + bits(imag(n.Complex128))
		}
		line(out, depth, "number %d %q%s", n.Pos, n.Text, value)
	case *parse.StringNode:
		line(out, depth, "string %d %q %q", n.Pos, n.Quoted, n.Text)
	case *parse.IfNode:
		dumpBranch(out, "if", &n.BranchNode, depth)
	case *parse.RangeNode:
		dumpBranch(out, "range", &n.BranchNode, depth)
	case *parse.WithNode:
		dumpBranch(out, "with", &n.BranchNode, depth)
	case *parse.TemplateNode:
		line(out, depth, "template %d %q", n.Pos, n.Name)
		if n.Pipe != nil {
			dumpNode(out, n.Pipe, depth+1)
		}
	case *parse.BreakNode:
		line(out, depth, "break %d", n.Pos)
	case *parse.ContinueNode:
		line(out, depth, "continue %d", n.Pos)
	default:
		line(out, depth, "unknown %T", node)
	}
}

func dumpBranch(out *bufio.Writer, kind string, n *parse.BranchNode, depth int) {
	line(out, depth, "%s %d", kind, n.Pos)
	dumpNode(out, n.Pipe, depth+1)
	dumpNode(out, n.List, depth+1)
	if n.ElseList != nil {
		dumpNode(out, n.ElseList, depth+1)
	}
}
