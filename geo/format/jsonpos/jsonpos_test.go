package jsonpos

import (
	"errors"
	"testing"
)

func TestMembersAndElements(t *testing.T) {
	d := &Doc{File: "a.json", Data: []byte("{\n  \"a\": [1, {\"x\": 2},\n   \"s\"],\n  \"b\": null, \"a\": [3]\n}")}
	keys, vals, err := d.Members(d.Whole())
	if err != nil || len(keys) != 2 || keys[0] != "a" || keys[1] != "b" {
		t.Fatalf("Members = %v, %v", keys, err)
	}
	if got := string(d.Bytes(vals["a"])); got != "[3]" {
		t.Errorf("a repeated: %q, want the last value", got)
	}
	if !d.IsNull(vals["b"]) {
		t.Error("b is null")
	}
	d2 := &Doc{File: "b.json", Data: []byte("[1,\n {\"x\": 2},\n   \"s\"]")}
	els, err := d2.Elements(d2.Whole())
	if err != nil || len(els) != 3 {
		t.Fatalf("Elements = %v, %v", els, err)
	}
	for i, want := range []string{"b.json:1:2", "b.json:2:2", "b.json:3:4"} {
		if got := d2.Pos(els[i].Start, -1).String(); got != want {
			t.Errorf("element %d at %s, want %s", i, got, want)
		}
	}
}

func TestCutShort(t *testing.T) {
	d := &Doc{File: "c.json", Data: []byte(`{"ok": 1, "list": [1, 2, {"x"`)}
	keys, vals, err := d.Members(d.Whole())
	if err == nil || len(keys) != 2 {
		t.Fatalf("Members of a cut document = %v, %v", keys, err)
	}
	els, err := d.Elements(vals["list"])
	if len(els) != 2 || err == nil {
		t.Errorf("elements before the cut = %v, %v", els, err)
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.Pos.Line != 1 {
		t.Errorf("error %v has no position", err)
	}
	if _, err := d.Elements(vals["ok"]); !errors.Is(err, ErrShape) {
		t.Errorf("Elements of a number: %v, want ErrShape", err)
	}
}
