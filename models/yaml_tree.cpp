#include "models/yaml_tree.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace poolsim::models {

namespace {

constexpr int kMaxDepth = 64;

SourceLocation locationOf(const YAML::Mark& mark, const std::string& fileName)
{
    if (mark.is_null() || mark.line < 0)
        return {fileName, 0, 0};
    return {fileName, mark.line + 1, mark.column + 1};
}

YamlNode convert(const YAML::Node& node, const std::string& fileName, const SourceLocation& fallback, int depth)
{
    YamlNode out;
    out.where.location = locationOf(node.Mark(), fileName);
    if (out.where.location.line == 0)
        out.where.location = fallback;
    if (depth > kMaxDepth)
        failAt(out.where, "", "the document is nested too deeply");
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::Null;
        // yaml-cpp places an empty value at the next token; the key is the better place.
        out.where.location = fallback;
        break;
    case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::Scalar;
        out.scalar = node.Scalar();
        break;
    case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::Sequence;
        for (const YAML::Node& item : node)
            out.items.push_back(convert(item, fileName, out.where.location, depth + 1));
        break;
    case YAML::NodeType::Map:
        out.kind = YamlNode::Kind::Map;
        for (auto it = node.begin(); it != node.end(); ++it) {
            YamlEntry entry;
            entry.keyWhere.location = locationOf(it->first.Mark(), fileName);
            if (entry.keyWhere.location.line == 0)
                entry.keyWhere.location = out.where.location;
            if (!it->first.IsScalar())
                failAt(entry.keyWhere, "", "expected a plain key (a name followed by ':'), got " +
                                               std::string(it->first.IsNull() ? "an empty key" : "a structured key"));
            entry.key = it->first.Scalar();
            if (const YamlEntry* first = out.findEntry(entry.key))
                failAt(entry.keyWhere, "",
                       "duplicate key '" + entry.key + "' (first given at line " +
                           std::to_string(first->keyWhere.location.line) + ")");
            entry.value = convert(it->second, fileName, entry.keyWhere.location, depth + 1);
            out.entries.push_back(std::move(entry));
        }
        break;
    }
    return out;
}

std::string yamlMessage(const YAML::Exception& e)
{
    return e.msg.empty() ? std::string("invalid YAML") : "invalid YAML: " + e.msg;
}

} // namespace

const YamlEntry* YamlNode::findEntry(std::string_view key) const
{
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const YamlEntry& e) { return e.key == key; });
    return it == entries.end() ? nullptr : &*it;
}

YamlEntry* YamlNode::findEntry(std::string_view key)
{
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const YamlEntry& e) { return e.key == key; });
    return it == entries.end() ? nullptr : &*it;
}

const YamlNode* YamlNode::find(std::string_view key) const
{
    const YamlEntry* e = findEntry(key);
    return e ? &e->value : nullptr;
}

YamlNode parseYamlDocument(const std::string& text, const std::string& fileName)
{
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
        throw ScenarioError(locationOf(e.mark, fileName), "", yamlMessage(e));
    }
    if (documents.size() > 1)
        throw ScenarioError(locationOf(documents[1].Mark(), fileName), "",
                            "the file holds more than one YAML document (one scenario per file)");
    if (documents.empty())
        return YamlNode{YamlNode::Kind::Null, {}, {}, {}, {{fileName, 0, 0}, {}}};
    try {
        return convert(documents.front(), fileName, {fileName, 1, 1}, 0);
    } catch (const YAML::Exception& e) {
        throw ScenarioError(locationOf(e.mark, fileName), "", yamlMessage(e));
    }
}

YamlNode parseYamlScalar(const std::string& text, const Where& where)
{
    YamlNode out;
    out.where = where;
    YAML::Node node;
    try {
        node = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        failAt(where, "", yamlMessage(e));
    }
    if (node.IsScalar()) {
        out.kind = YamlNode::Kind::Scalar;
        out.scalar = node.Scalar();
    } else if (!node.IsNull() && node.IsDefined()) {
        failAt(where, "", "expected a single value, got " + std::string(node.IsMap() ? "a map" : "a list") +
                              " (quote the value to give it as text)");
    }
    return out;
}

void failAt(const Where& where, const std::string& keyPath, const std::string& message)
{
    if (!where.setBy.empty())
        throw ScenarioError({"--set", 0, 0}, keyPath, message + " (from --set " + where.setBy + ")");
    throw ScenarioError(where.location, keyPath, message);
}

std::string describeNode(const YamlNode& node)
{
    switch (node.kind) {
    case YamlNode::Kind::Null:
        return "nothing";
    case YamlNode::Kind::Scalar: {
        constexpr std::size_t kMax = 60;
        if (node.scalar.size() > kMax)
            return "'" + node.scalar.substr(0, kMax) + "...'";
        return "'" + node.scalar + "'";
    }
    case YamlNode::Kind::Sequence:
        return "a list";
    case YamlNode::Kind::Map:
        return "a map";
    }
    return "nothing";
}

} // namespace poolsim::models
